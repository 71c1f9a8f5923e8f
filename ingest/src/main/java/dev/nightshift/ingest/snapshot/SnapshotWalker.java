package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Walks the tree of one commit straight from the object database — never the working tree, so
 * uncommitted edits do not leak into a run. Folders a {@link PathFilter} excludes are not entered at all.
 * Symbolic links are never followed (a link's target is a path, possibly outside the tree), submodules
 * are recorded, not fetched, and an entry of any other mode than a folder or a regular or executable file is
 * recorded as not a regular file, its object never read.
 */
public final class SnapshotWalker {
    private final PathFilter filter;

    public SnapshotWalker(PathFilter filter) {
        this.filter = filter;
    }

    public void walk(Repository repo, ObjectId commitId, SnapshotVisitor visitor) {
        try (ObjectReader reader = repo.newObjectReader();
                RevWalk revWalk = new RevWalk(reader);
                TreeWalk tree = new TreeWalk(repo, reader)) {
            RevCommit commit = revWalk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(false);
            while (tree.next()) {
                visit(tree, reader, visitor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree of commit " + commitId.name(), e);
        }
    }

    private void visit(TreeWalk tree, ObjectReader reader, SnapshotVisitor visitor) throws IOException {
        EntryScreen.visit(tree, tree.getFileMode(0), filter, visitor, () -> {
            ObjectId blob = tree.getObjectId(0);
            return SnapshotFile.ofBlob(
                    tree.getPathString(), blob, reader.getObjectSize(blob, Constants.OBJ_BLOB), reader);
        });
    }
}
