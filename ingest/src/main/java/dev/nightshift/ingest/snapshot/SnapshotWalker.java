package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Walks the tree of one commit straight from the object database — never the working tree, so
 * uncommitted edits do not leak into a run. Folders a {@link PathFilter} excludes are not entered at all.
 * Symbolic links are never followed (a link's target is a path, possibly outside the tree) and submodules
 * are recorded, not fetched.
 */
public final class SnapshotWalker {
    private final PathFilter filter;

    public SnapshotWalker(PathFilter filter) {
        this.filter = filter;
    }

    public void walk(Repository repo, ObjectId commitId, SnapshotVisitor visitor) {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk revWalk = new RevWalk(reader);
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
        String path = tree.getPathString();
        FileMode mode = tree.getFileMode(0);
        boolean directory = tree.isSubtree();
        Optional<String> unsafe = PathSafety.problem(tree.getRawPath());
        if (unsafe.isPresent()) {
            visitor.skipped(PathSafety.printable(path) + (directory ? "/" : ""), unsafe.get());
            return;
        }
        Optional<String> excluded = filter.exclude(path, directory);
        if (excluded.isPresent()) {
            visitor.skipped(directory ? path + "/" : path, excluded.get());
            return;
        }
        if (directory) {
            tree.enterSubtree();
        } else if (mode == FileMode.GITLINK) {
            visitor.skipped(path, "submodule");
        } else if (mode == FileMode.SYMLINK) {
            visitor.skipped(path, "symlink");
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
            ObjectId blob = tree.getObjectId(0);
            visitor.file(new SnapshotFile(path, blob, reader.getObjectSize(blob, Constants.OBJ_BLOB), reader));
        } else {
            visitor.skipped(path, "unsupported-file-mode");
        }
    }
}
