package dev.nightshift.validator.workspace;

import dev.nightshift.validator.runner.WorkspaceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Puts one commit of a repository into a folder with JGit. A local repository (a path to a working tree or a
 * bare repository) is read from its object database and the commit's tree written out, with no history and
 * no {@code .git}; anything else is a URL, cloned into the folder and checked out at the commit (detached).
 * Uncommitted files of a local working tree are never read.
 */
public final class Checkouts {
    private Checkouts() {}

    static boolean isLocal(String repository) {
        if (repository.contains("://") || repository.matches("^[\\w.-]+@[\\w.-]+:.*")) {
            return false;
        }
        return Files.isDirectory(Path.of(repository));
    }

    /** @return the full id of the commit written */
    public static String checkout(String repository, String commit, Path target) throws WorkspaceException {
        return isLocal(repository) ? export(Path.of(repository), commit, target) : clone(repository, commit, target);
    }

    private static String export(Path repository, String commit, Path target) throws WorkspaceException {
        try (Git git = Git.open(repository.toFile())) {
            Repository repo = git.getRepository();
            ObjectId id = resolve(repo, commit, repository.toString());
            try (RevWalk walk = new RevWalk(repo);
                    TreeWalk tree = new TreeWalk(repo)) {
                RevCommit c = walk.parseCommit(id);
                tree.addTree(c.getTree());
                tree.setRecursive(true);
                Path root = target.toAbsolutePath().normalize();
                Files.createDirectories(root);
                while (tree.next()) {
                    Path file = root.resolve(tree.getPathString()).normalize();
                    if (!file.startsWith(root) || file.equals(root)) {
                        throw new WorkspaceException(
                                "commit " + id.name() + " has a path outside its tree: " + tree.getPathString(), null);
                    }
                    FileMode mode = tree.getFileMode(0);
                    Files.createDirectories(file.getParent());
                    if (mode == FileMode.SYMLINK) {
                        String link = new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                        Files.createSymbolicLink(file, Path.of(link));
                    } else if (mode == FileMode.GITLINK) {
                        Files.createDirectories(file);
                    } else {
                        try (OutputStream out = Files.newOutputStream(file)) {
                            repo.open(tree.getObjectId(0)).copyTo(out);
                        }
                        if (mode == FileMode.EXECUTABLE_FILE) {
                            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                            perms.add(PosixFilePermission.OWNER_EXECUTE);
                            perms.add(PosixFilePermission.GROUP_EXECUTE);
                            perms.add(PosixFilePermission.OTHERS_EXECUTE);
                            Files.setPosixFilePermissions(file, perms);
                        }
                    }
                }
            }
            return id.name();
        } catch (IOException e) {
            throw new WorkspaceException("cannot check out " + commit + " of " + repository + ": " + e.getMessage(), e);
        }
    }

    private static String clone(String url, String commit, Path target) throws WorkspaceException {
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(target.toFile())
                .setCloneAllBranches(true)
                .call()) {
            ObjectId id = resolve(git.getRepository(), commit, url);
            git.checkout().setName(id.name()).setForced(true).call();
            return id.name();
        } catch (GitAPIException | IOException e) {
            throw new WorkspaceException("cannot clone " + url + " at " + commit + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId resolve(Repository repo, String commit, String where)
            throws IOException, WorkspaceException {
        ObjectId id;
        try {
            id = repo.resolve(commit + "^{commit}");
        } catch (MissingObjectException e) {
            id = null;
        }
        if (id == null || !repo.getObjectDatabase().has(id)) {
            throw new WorkspaceException("commit " + commit + " not found in " + where, null);
        }
        return id;
    }
}
