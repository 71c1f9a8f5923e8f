package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * A local working tree as it is now ({@code --worktree}): what {@code git add -A} would commit on top of
 * {@code head}. Tracked files with their uncommitted edits, and untracked files unless {@code .gitignore}
 * (or {@code .git/info/exclude}, {@code core.excludesFile}) ignores them; files deleted from the working tree
 * are gone. Ignored untracked files are not part of the snapshot, as they would not be part of a commit, so
 * they are not listed in the run report (a {@code target/} of 50,000 class files would drown it). The
 * same path safety, filters and secret guard apply as for a commit; symbolic links are never followed,
 * nested repositories are recorded as submodules, and named pipes, devices and sockets are recorded as not
 * regular files without being opened.
 */
public record WorktreeSnapshot(Repository repository, ObjectId commit) implements Snapshot {
    private static final int WORKTREE = 0;
    private static final int INDEX = 1;
    /** A mode that no regular file, folder, symlink or submodule has: the file type bits of a named pipe. */
    private static final FileMode NOT_A_REGULAR_FILE = FileMode.fromBits(0010000);
    /**
     * JGit's file modes, except that a named pipe, a device or a socket (to which JGit gives a regular file's
     * mode) gets {@link #NOT_A_REGULAR_FILE}: so it is never opened, neither as a file of the snapshot nor as
     * a {@code .gitignore} (reading a named pipe blocks until something writes to it).
     */
    private static final FileTreeIterator.FileModeStrategy FILE_MODES = (file, attributes) -> {
        FileMode mode = FileTreeIterator.DefaultFileModeStrategy.INSTANCE.getMode(file, attributes);
        boolean fileMode = mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
        return fileMode && !attributes.isRegularFile() ? NOT_A_REGULAR_FILE : mode;
    };

    @Override
    public boolean worktree() {
        return true;
    }

    @Override
    public void walk(PathFilter filter, SnapshotVisitor visitor) {
        Path root = repository.getWorkTree().toPath();
        try (TreeWalk tree = new TreeWalk(repository)) {
            DirCache index = repository.readDirCache();
            FileTreeIterator files = new FileTreeIterator(repository, FILE_MODES);
            // An ignored folder may still hold tracked files; untracked ignored folders are never entered (below).
            files.setWalkIgnoredDirectories(true);
            tree.addTree(files);
            tree.addTree(new DirCacheIterator(index));
            tree.setRecursive(false);
            while (tree.next()) {
                visit(tree, root, filter, visitor);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working tree of " + root, e);
        }
    }

    private static void visit(TreeWalk tree, Path root, PathFilter filter, SnapshotVisitor visitor) throws IOException {
        WorkingTreeIterator file = tree.getTree(WORKTREE, WorkingTreeIterator.class);
        if (file == null) {
            return; // tracked but deleted from the working tree: not in this snapshot
        }
        boolean tracked = tree.getTree(INDEX, DirCacheIterator.class) != null;
        if (!tracked && file.isEntryIgnored()) {
            return;
        }
        EntryScreen.visit(
                tree,
                tree.getFileMode(WORKTREE),
                filter,
                visitor,
                () -> SnapshotFile.ofWorkingFile(
                        tree.getPathString(), root.resolve(tree.getPathString()), file.getEntryLength()));
    }

    @Override
    public Optional<byte[]> rootFile(String name, int maxBytes) {
        return read(repository.getWorkTree().toPath().resolve(name), maxBytes);
    }

    @Override
    public Optional<byte[]> reread(String path, ObjectId blobId, int maxBytes) {
        return read(repository.getWorkTree().toPath().resolve(path), maxBytes);
    }

    private static Optional<byte[]> read(Path file, int maxBytes) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readNBytes(maxBytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
