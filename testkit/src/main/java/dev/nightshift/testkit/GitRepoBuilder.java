package dev.nightshift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds a real git repository on disk with JGit, file by file and commit by commit:
 * <pre>
 * GitRepoBuilder repo = GitRepoBuilder.init(dir).file("src/A.java", "class A {}").commit("first");
 * </pre>
 */
public final class GitRepoBuilder implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("nightshift tests", "tests@nightshift.invalid");
    private final Git git;
    private final Path dir;

    private GitRepoBuilder(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static GitRepoBuilder init(Path dir) {
        try {
            return new GitRepoBuilder(
                    Git.init()
                            .setDirectory(dir.toFile())
                            .setInitialBranch("main")
                            .call(),
                    dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot init a git repository in " + dir, e);
        }
    }

    public GitRepoBuilder file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public GitRepoBuilder file(String path, byte[] content) {
        try {
            Path target = dir.resolve(path);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GitRepoBuilder delete(String path) {
        try {
            Files.deleteIfExists(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything (additions, changes, deletions) and commits; returns the commit id. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit c = git.commit()
                    .setMessage(message)
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .setSign(false)
                    .call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + dir, e);
        }
    }

    public GitRepoBuilder tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot tag " + name, e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        git.close();
    }
}
