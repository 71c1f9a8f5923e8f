package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.testkit.GitRepoBuilder;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --worktree}: a run over the working tree as it is now (uncommitted edits, untracked files that
 * .gitignore does not ignore) on top of HEAD, with the same filters and secret guard as a commit.
 */
class WorktreeSnapshotTest {
    static final String CALC_V1 = "def add(a, b):\n    return a + b\n";
    static final String CALC_V2 = "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n";
    static final String STABLE = "def stable():\n    return 42\n";
    static final String FRESH = "def fresh():\n    return 'new'\n";

    @TempDir
    Path tmp;

    Path dir;
    String head;
    RunPlanning planning;

    @BeforeEach
    void setUp() throws Exception {
        dir = tmp.resolve("repo");
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            git.file("app/calc.py", CALC_V1)
                    .file("app/stable.py", STABLE)
                    .file("app/old.py", STABLE.replace("stable", "old"))
                    .file("gen/kept.py", "def kept():\n    return 1\n")
                    .commit("first");
            // Tracked before it was ignored: tracked files stay in, as in git.
            head = git.file(".gitignore", "build/\ngen/\n*_tmp.py\n").commit("ignore build outputs");
        }
        Files.writeString(dir.resolve("app/calc.py"), CALC_V2);
        Files.delete(dir.resolve("app/old.py"));
        Files.writeString(dir.resolve("app/fresh.py"), FRESH);
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/out.py"), "def out():\n    return 0\n");
        Files.writeString(dir.resolve("app/scratch_tmp.py"), "def scratch():\n    return 0\n");
        Files.writeString(dir.resolve("gen/untracked.py"), "def untracked():\n    return 0\n");
        planning = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"));
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS))
                .as("mkfifo %s finishes", path)
                .isTrue();
        assertThat(mkfifo.exitValue()).as("mkfifo %s exit code", path).isZero();
    }

    private static RunRequest worktree(String source, String ref, TaskType task) {
        RunRequest r = RunPlanning.request(source, ref, task);
        return new RunRequest(r.runId(), r.tenant(), r.source(), r.ref(), r.task(), r.simulated(), null, true);
    }

    @Test
    void aWorktreeRunReadsUncommittedEditsAndUntrackedFilesButNotIgnoredOnes() {
        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(result.unitPaths())
                .contains("app/calc.py", "app/stable.py", "app/fresh.py", "gen/kept.py")
                .doesNotContain("app/old.py", "build/out.py", "app/scratch_tmp.py", "gen/untracked.py");
        assertThat(result.job("app/calc.py").content()).isEqualTo(CALC_V2);
        assertThat(result.job("app/fresh.py").content()).isEqualTo(FRESH);
        assertThat(result.plan().skipped())
                .noneMatch(s -> s.path().startsWith("build") || s.path().startsWith(".git/"));
    }

    @Test
    void theReportSaysItWasAWorktreeSnapshotAndNamesTheHeadCommitItSitsOn() {
        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(result.plan().commit()).isEqualTo(head);
        assertThat(result.skipReasons(".")).containsExactly(RunPlanner.WORKTREE_NOTE + head);
        assertThat(result.jobs()).allMatch(j -> j.commit().equals(head));
    }

    @Test
    void jobIdsDifferFromTheCommitsExactlyWhereTheContentDiffers() {
        // When
        RunPlanning.Result committed = planning.plan(dir.toString(), null, TaskType.DOCS);
        RunPlanning.Result working = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(committed.job("app/calc.py").content()).isEqualTo(CALC_V1);
        assertThat(working.job("app/calc.py").jobId())
                .isNotEqualTo(committed.job("app/calc.py").jobId());
        // The architecture is planned from its children and the build files: same plan, different source for reference.
        assertThat(working.job("ARCHITECTURE").content())
                .isNotEqualTo(committed.job("ARCHITECTURE").content());
        assertThat(working.job("app/stable.py").jobId())
                .isEqualTo(committed.job("app/stable.py").jobId());
        assertThat(committed.skipReasons(".")).isEmpty();
    }

    @Test
    void untrackedFilesPassTheSameSecretGuard() throws Exception {
        // Given
        String key = "AKIA" + SecretGuardTest.random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        Files.writeString(dir.resolve("app/cloud.py"), "KEY_ID = \"" + key + "\"\n\ndef region():\n    return 'eu'\n");
        Files.writeString(
                dir.resolve(".env"), "DB_PASSWORD=" + SecretGuardTest.random("abcdefghij0123456789", 24) + "\n");

        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(result.job("app/cloud.py").content()).doesNotContain(key).contains("[REDACTED:aws-access-key-id]");
        assertThat(result.skipReasons("app/cloud.py")).contains("redacted:aws-access-key-id");
        assertThat(result.skipReason(".env")).isEqualTo("secret:env-file");
        assertThat(result.jobs()).noneMatch(j -> j.content().contains(key));
    }

    @Test
    void anUntrackedTestFileIsQuotedAsTheExistingTestForTestGeneration() throws Exception {
        // Given
        Files.writeString(
                dir.resolve("app/test_calc.py"),
                "from app.calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n");

        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.TESTS));

        // Then
        assertThat(result.job("app/calc.py").content())
                .contains("app/test_calc.py")
                .contains("def test_add():");
        assertThat(result.skipReason("app/test_calc.py")).isEqualTo("test-file");
    }

    @Test
    void symlinksInTheWorkingTreeAreNeverFollowedEvenToAFolderOutsideIt() throws Exception {
        // Given
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("leak.py"), "LEAKED = 'outside the tree'\n");
        Files.createSymbolicLink(dir.resolve("app/escape.py"), outside.resolve("leak.py"));
        Files.createSymbolicLink(dir.resolve("linked"), outside);

        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(result.skipReason("app/escape.py")).isEqualTo("symlink");
        assertThat(result.skipReason("linked")).isEqualTo("symlink");
        assertThat(result.jobs()).noneMatch(j -> j.content().contains("LEAKED"));
    }

    @Test
    void aNamedPipeInTheWorkingTreeIsSkippedWithoutBeingOpened() throws Exception {
        // Given a FIFO: opening it for reading would block until some writer comes
        mkfifo(dir.resolve("app/pipe.py"));

        // When
        RunPlanning.Result result = assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> planning.plan(worktree(dir.toString(), null, TaskType.DOCS)));

        // Then
        assertThat(result.skipReason("app/pipe.py")).isEqualTo("not-a-regular-file");
        assertThat(result.unitPaths()).contains("app/calc.py", "app/fresh.py").doesNotContain("app/pipe.py");
    }

    @Test
    void aNamedPipeInPlaceOfAnIgnoreFileIsNotReadForIgnoreRules() throws Exception {
        // Given a FIFO where git would look for a folder's ignore rules
        mkfifo(dir.resolve("app/.gitignore"));

        // When
        RunPlanning.Result result = assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> planning.plan(worktree(dir.toString(), null, TaskType.DOCS)));

        // Then
        assertThat(result.skipReason("app/.gitignore")).isEqualTo("not-a-regular-file");
        assertThat(result.unitPaths()).contains("app/calc.py", "app/fresh.py");
    }

    @Test
    void aSocketInTheWorkingTreeIsSkippedWithoutBeingOpened() throws Exception {
        // Given a Unix domain socket, as a local agent or a dev server leaves in its folder
        Path socket = dir.resolve("app/agent.py");
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(socket));

            // When
            RunPlanning.Result result = assertTimeoutPreemptively(
                    Duration.ofSeconds(60), () -> planning.plan(worktree(dir.toString(), null, TaskType.DOCS)));

            // Then
            assertThat(result.skipReason("app/agent.py")).isEqualTo("not-a-regular-file");
            assertThat(result.unitPaths())
                    .contains("app/calc.py", "app/fresh.py")
                    .doesNotContain("app/agent.py");
        }
    }

    @Test
    void anUntrackedFileWithAnOddNameIsSkippedWithoutACrash() throws Exception {
        // Given
        Files.writeString(dir.resolve("app/bell\u0007.py"), FRESH);
        Files.writeString(dir.resolve("app/back\\slash.py"), FRESH);

        // When
        RunPlanning.Result result = planning.plan(worktree(dir.toString(), null, TaskType.DOCS));

        // Then
        assertThat(result.skipReason("app/bell?.py")).isEqualTo("unsafe-path:odd-character");
        assertThat(result.plan().skipped())
                .anyMatch(s -> s.path().startsWith("app/back") && s.reason().equals("unsafe-path:odd-character"));
        assertThat(result.unitPaths()).contains("app/fresh.py");
    }

    @Test
    void worktreeWithARefIsRefusedInOneLine() {
        // When
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> planning.plan(worktree(dir.toString(), "main", TaskType.DOCS)));

        // Then
        assertThat(e.getMessage())
                .isEqualTo("--worktree reads the working tree on top of HEAD, so it cannot be combined with"
                        + " --ref 'main'; drop --ref or --worktree");
    }

    @Test
    void worktreeWithAUrlIsRefusedBeforeAnythingIsCloned() {
        // When
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> planning.plan(worktree(dir.toUri().toString(), null, TaskType.DOCS)));

        // Then
        assertThat(e.getMessage())
                .startsWith("--worktree reads a local working tree, but 'file:")
                .endsWith("' is a URL; pass the folder of a local clone, or drop --worktree");
        assertThat(tmp.resolve("cache/clones")).doesNotExist();
    }

    @Test
    void worktreeOfABareRepositoryIsRefused() throws Exception {
        // Given
        Path bare = tmp.resolve("bare.git");
        Git.cloneRepository()
                .setURI(dir.toUri().toString())
                .setDirectory(bare.toFile())
                .setBare(true)
                .call()
                .close();

        // When
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> planning.plan(worktree(bare.toString(), null, TaskType.DOCS)));

        // Then
        assertThat(e.getMessage()).endsWith("is a bare repository, which has no working tree; drop --worktree");
    }
}
