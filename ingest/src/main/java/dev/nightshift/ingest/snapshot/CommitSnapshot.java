package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** One commit's tree, read from the object database: uncommitted edits never leak into a run. */
public record CommitSnapshot(Repository repository, ObjectId commit) implements Snapshot {

    @Override
    public boolean worktree() {
        return false;
    }

    @Override
    public void walk(PathFilter filter, SnapshotVisitor visitor) {
        new SnapshotWalker(filter).walk(repository, commit, visitor);
    }

    @Override
    public Optional<byte[]> rootFile(String name, int maxBytes) {
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = TreeWalk.forPath(
                        repository, name, walk.parseCommit(commit).getTree())) {
            if (tree == null || !tree.getFileMode(0).equals(FileMode.REGULAR_FILE)) {
                return Optional.empty();
            }
            return Optional.of(
                    repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(maxBytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " at commit " + commit.name(), e);
        }
    }

    @Override
    public Optional<byte[]> reread(String path, ObjectId blobId, int maxBytes) {
        try {
            return Optional.of(repository.open(blobId, Constants.OBJ_BLOB).getCachedBytes(maxBytes));
        } catch (IOException | LargeObjectException e) {
            return Optional.empty();
        }
    }
}
