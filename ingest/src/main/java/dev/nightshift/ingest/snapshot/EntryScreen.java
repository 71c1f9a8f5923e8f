package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What every tree entry goes through, whatever the snapshot: a safe name, then the path filters, then its
 * mode decides — a folder is entered, a submodule or symlink recorded (never followed), a regular file handed
 * on, anything else (a named pipe, a device, a socket, a mode git does not know) recorded as
 * {@value #NOT_A_REGULAR_FILE} without being opened: reading a named pipe blocks until something writes to it.
 */
final class EntryScreen {
    /** The report's reason for an entry that is neither a folder, a submodule, a symlink nor a regular file. */
    static final String NOT_A_REGULAR_FILE = "not-a-regular-file";

    private EntryScreen() {}

    /** Reads a regular file's entry; only called for regular and executable files. */
    @FunctionalInterface
    interface FileReader {
        SnapshotFile file() throws IOException;
    }

    /** Screens the walk's current entry and enters it, records it as skipped, or hands its file to the visitor. */
    static void visit(TreeWalk tree, FileMode mode, PathFilter filter, SnapshotVisitor visitor, FileReader reader)
            throws IOException {
        String path = tree.getPathString();
        boolean directory = mode == FileMode.TREE;
        if (!admit(tree.getRawPath(), path, directory, filter, visitor)) {
            return;
        }
        if (directory) {
            tree.enterSubtree();
        } else if (mode == FileMode.GITLINK) {
            visitor.skipped(path, "submodule");
        } else if (mode == FileMode.SYMLINK) {
            visitor.skipped(path, "symlink");
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            visitor.file(reader.file());
        } else {
            visitor.skipped(path, NOT_A_REGULAR_FILE);
        }
    }

    /** @return true to go on with the entry; false when it was reported to the visitor as skipped */
    static boolean admit(byte[] rawPath, String path, boolean directory, PathFilter filter, SnapshotVisitor visitor) {
        Optional<String> unsafe = PathSafety.problem(rawPath);
        if (unsafe.isPresent()) {
            visitor.skipped(PathSafety.printable(path) + (directory ? "/" : ""), unsafe.get());
            return false;
        }
        Optional<String> excluded = filter.exclude(path, directory);
        if (excluded.isPresent()) {
            visitor.skipped(directory ? path + "/" : path, excluded.get());
            return false;
        }
        return true;
    }
}
