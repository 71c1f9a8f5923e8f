package dev.nightshift.ingest.snapshot;

/** Receives a snapshot's files in path order, one at a time (so nothing accumulates in memory). */
public interface SnapshotVisitor {
    /** A regular or executable file that passed the path filters. */
    void file(SnapshotFile file);

    /**
     * A path left out before its content was read: a folder (path ends with '/') or a file.
     *
     * @param reason a short reason id, e.g. {@code submodule}, {@code symlink}, {@code vendored}
     */
    void skipped(String path, String reason);
}
