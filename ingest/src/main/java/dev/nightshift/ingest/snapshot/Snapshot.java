package dev.nightshift.ingest.snapshot;

import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The files a run reads: a commit's tree from the object database ({@link CommitSnapshot}, the default),
 * or a local working tree on top of its HEAD commit ({@link WorktreeSnapshot}, {@code --worktree}).
 */
public interface Snapshot {

    /** The commit read, or the HEAD commit the working tree sits on. */
    ObjectId commit();

    /** True when the files come from the working tree, uncommitted changes included. */
    boolean worktree();

    /** Walks the files in path order; folders the filter excludes are not entered. */
    void walk(PathFilter filter, SnapshotVisitor visitor);

    /** A regular file at the root of the snapshot (e.g. {@code .nightshiftignore}), at most {@code maxBytes}. */
    Optional<byte[]> rootFile(String name, int maxBytes);

    /**
     * A file met during a walk, read again (e.g. an existing test quoted as context): by blob id when it came
     * from the object database, by path from the working tree. Empty when it cannot be read any more.
     */
    Optional<byte[]> reread(String path, ObjectId blobId, int maxBytes);
}
