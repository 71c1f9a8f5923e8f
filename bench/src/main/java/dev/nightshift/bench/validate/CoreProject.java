package dev.nightshift.bench.validate;

import dev.nightshift.testkit.GitRepoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * A real Maven project to validate against: this repository's {@code core} module as committed at HEAD,
 * written out as a repository of its own (its parent POM, {@code nightshift-parent}, comes from the local
 * Maven repository, where {@code bench/run} installs it) and committed with JGit.
 */
final class CoreProject {
    private CoreProject() {}

    /** @return the commit of the new repository */
    static String write(Path nightshift, Path target) throws IOException {
        try (Git git = Git.open(nightshift.toFile())) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve("HEAD^{commit}");
            try (RevWalk walk = new RevWalk(repo);
                    TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(head).getTree());
                tree.setRecursive(true);
                tree.setFilter(PathFilter.create("core"));
                while (tree.next()) {
                    Path file = target.resolve(tree.getPathString().substring("core/".length()));
                    Files.createDirectories(file.getParent());
                    Files.write(file, repo.open(tree.getObjectId(0)).getBytes());
                }
            }
        }
        Path pom = target.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new IOException("HEAD of " + nightshift + " has no core/pom.xml");
        }
        // the parent is not beside it any more: resolve it from the local repository without looking for ../pom.xml
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        Files.writeString(
                pom, text.replaceFirst("</version>\\s*</parent>", "</version>\n    <relativePath/>\n  </parent>"));
        try (GitRepoBuilder builder = GitRepoBuilder.init(target)) {
            return builder.commit("core of nightshift, standalone");
        }
    }

    /** A second copy of the same files, for the naive pass (which builds in place). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(p -> !p.startsWith(from.resolve(".git"))).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    /** The git repository holding the working directory (where {@code bench/run} was started), if any. */
    static Path enclosingRepository() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git")) && Files.isDirectory(p.resolve("core"))) {
                return p;
            }
        }
        throw new IOException(
                "run bench/run validate inside the nightshift repository: its core module is the project validated");
    }
}
