package dev.nightshift.sink.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.export.BranchExport;
import dev.nightshift.sinkapi.export.ExportException;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import dev.nightshift.sinkapi.export.PatchExport;
import dev.nightshift.testkit.GitRepoBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports against real git repositories and a real store. */
class ExportIT {
    private static final String TEST_REPLY = "Here are the tests:\n```java\nclass FooTest {}\n```\nHope this helps!";

    @TempDir
    Path tmp;

    private SinkStore store;
    private SinkQueries queries;
    private BatchApplier applier;
    private GitRepoBuilder repo;
    private String commit;
    private final String run = Fixtures.newRunId();

    @BeforeEach
    void setUp() {
        store = SinkStore.open(tmp.resolve("store"));
        queries = new SinkQueries(store, InstantSource.system());
        applier = new BatchApplier(store, InstantSource.system());
        repo = GitRepoBuilder.init(tmp.resolve("repo"))
                .file("src/main/java/a/Foo.java", "package a; class Foo {}\n")
                .file("README.md", "# demo\n");
        commit = repo.commit("first");
        repo.file("later.txt", "after the run's commit\n").commit("second");
    }

    @AfterEach
    void tearDown() {
        repo.close();
        store.close();
    }

    @Test
    void folderExportMirrorsTheRepositoryLayoutAndRefusesTraversal() throws Exception {
        given(List.of("src/main/java/a/Foo.java", "../../escape.java", ".git/hooks/pre-commit.java"));
        Path out = Files.createDirectories(tmp.resolve("out/inner"));

        ExportReport report = FolderExport.export(new StoreArtifactSource(queries, run, null), out);

        assertThat(report.written()).containsExactly("src/test/java/a/FooTest.java");
        assertThat(Files.readString(out.resolve("src/test/java/a/FooTest.java")))
                .isEqualTo("class FooTest {}\n");
        assertThat(report.refused()).hasSize(2).allSatisfy(r -> assertThat(r.reason())
                .contains("refused artifact path"));
        assertThat(tmp.resolve("escapeTest.java")).doesNotExist();
        assertThat(tmp.resolve("out/escapeTest.java")).doesNotExist();
        try (var files = Files.walk(tmp.resolve("out"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(1);
        }
    }

    @Test
    void branchExportCommitsOnTopOfTheRunsCommitWithoutTouchingTheWorkTree() throws Exception {
        given(List.of("src/main/java/a/Foo.java"));

        ExportReport report =
                BranchExport.export(new StoreArtifactSource(queries, run, null), repo.dir(), "nightshift/tests");

        try (Git git = Git.open(repo.dir().toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            Repository r = git.getRepository();
            RevCommit c = walk.parseCommit(r.resolve("refs/heads/nightshift/tests"));
            assertThat(c.getName()).isEqualTo(report.commitId());
            assertThat(c.getParent(0).getName()).isEqualTo(commit);
            assertThat(c.getFullMessage()).contains(run).contains("Cost: $").contains("gemini/gemini-1.5-flash");
            assertThat(read(r, c, "src/test/java/a/FooTest.java")).isEqualTo("class FooTest {}\n");
            assertThat(read(r, c, "README.md")).isEqualTo("# demo\n");
            assertThat(read(r, c, "later.txt"))
                    .as("the branch starts at the run's commit")
                    .isNull();
            assertThat(r.getBranch()).isEqualTo("main");
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(repo.dir().resolve("src/test/java/a/FooTest.java")).doesNotExist();
        assertThatThrownBy(() -> BranchExport.export(
                        new StoreArtifactSource(queries, run, null), repo.dir(), "nightshift/tests"))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void patchExportAppliesCleanlyToTheRunsCommit() throws Exception {
        given(List.of("src/main/java/a/Foo.java", "README.md"));
        Path patch = tmp.resolve("out/run.patch");

        ExportReport report = PatchExport.export(new StoreArtifactSource(queries, run, null), repo.dir(), patch);

        assertThat(report.written()).containsExactly("README.md.md", "src/test/java/a/FooTest.java");
        try (Git git = Git.open(repo.dir().toFile());
                InputStream in = Files.newInputStream(patch)) {
            git.checkout().setName(commit).call();
            git.apply().setPatch(in).call();
        }
        assertThat(Files.readString(repo.dir().resolve("src/test/java/a/FooTest.java")))
                .isEqualTo("class FooTest {}\n");
        assertThat(Files.readString(repo.dir().resolve("README.md.md"))).contains("README.md");
    }

    @Test
    void anExportIntoAFolderThatIsNotARepositoryNamesTheProblem() {
        given(List.of("src/main/java/a/Foo.java"));
        Path notRepo = tmp.resolve("plain");

        assertThatThrownBy(() -> BranchExport.export(new StoreArtifactSource(queries, run, null), notRepo, "b"))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("is not a git repository");
    }

    /** A completed run with one successful job per unit path (tests for Java, docs otherwise). */
    private void given(List<String> unitPaths) {
        List<String> jobIds = new ArrayList<>();
        List<Incoming> in = new ArrayList<>();
        for (int i = 0; i < unitPaths.size(); i++) {
            String unit = unitPaths.get(i);
            boolean java = unit.endsWith(".java");
            Usage usage = Usage.of(100, 0, 0, 40);
            jobIds.add("j" + i);
            in.add(new Incoming.Event(new AttemptResult(
                    new JobRef(
                            run,
                            "j" + i,
                            "default",
                            repo.dir().toString(),
                            commit,
                            java ? TaskType.TESTS : TaskType.DOCS,
                            unit,
                            java ? "java" : "markdown",
                            true),
                    1,
                    "gemini",
                    "gemini-1.5-flash",
                    "rule",
                    Outcome.SUCCEEDED,
                    null,
                    null,
                    usage,
                    Price.of("0.35", "1.50").cost(usage),
                    "p1",
                    10,
                    null,
                    null,
                    "stop",
                    java ? TEST_REPLY : "# " + unit + "\n",
                    true)));
        }
        in.add(
                0,
                new Incoming.Plan(new RunPlanned(
                        run,
                        "default",
                        repo.dir().toString(),
                        commit,
                        TaskType.TESTS,
                        jobIds,
                        0,
                        List.of(),
                        true,
                        Fixtures.T0)));
        applier.apply(in);
    }

    private static String read(Repository r, RevCommit c, String path) throws Exception {
        try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
            return tw == null ? null : new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
