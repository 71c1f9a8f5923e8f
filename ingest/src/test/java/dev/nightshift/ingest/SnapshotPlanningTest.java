package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.tokens.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPlanningTest {
    @TempDir
    Path tmp;

    SampleRepository repo;
    RunPlanning planning;

    @BeforeEach
    void setUp() {
        repo = SampleRepository.create(tmp.resolve("repo"));
        planning = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"));
    }

    @Test
    void plansOneJobPerSourceFileAndSkipsTheBinary() {
        // When
        RunPlanning.Result result = planning.plan(repo.dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.unitPaths())
                .containsExactlyInAnyOrder(
                        "app/calc.py",
                        "src/main/java/com/acme/Greeter.java",
                        "src/main/java/com/acme/util/Strings.java",
                        "src/main/java/com/acme/README",
                        "web/square.js",
                        "ARCHITECTURE");
        assertThat(result.skipReason("assets/logo.png")).isEqualTo("binary");
        assertThat(result.skipReason("README.md")).isEqualTo("not-source");
        assertThat(result.plan().jobIds())
                .containsExactlyElementsOf(
                        result.jobs().stream().map(Job::jobId).toList());
        assertThat(result.plan().commit()).isEqualTo(repo.secondCommit);
    }

    @Test
    void thePlanCarriesTheRunsBudgetSoTheRouterCanHoldIt() {
        // Given
        RunRequest request =
                new RunRequest("r-budget", "acme", repo.dir.toString(), null, TaskType.TESTS, true, Money.usd("2.50"));

        // When
        RunPlanning.Result result = planning.plan(request);

        // Then
        assertThat(result.plan().maxCost()).isEqualTo(Money.usd("2.50"));
        assertThat(planning.plan(repo.dir.toString(), null, TaskType.TESTS)
                        .plan()
                        .maxCost())
                .isNull();
    }

    @Test
    void thePlanCarriesTheRunsDeadlineSoTheRouterCanSendJobsThatCanWaitToBatches() {
        // Given
        Instant by = Instant.parse("2026-12-08T07:00:00Z");
        RunRequest request =
                new RunRequest("r-deadline", "acme", repo.dir.toString(), null, TaskType.TESTS, true).withDeadline(by);

        // When
        RunPlanning.Result result = planning.plan(request);

        // Then
        assertThat(result.plan().deadline()).isEqualTo(by);
        assertThat(planning.plan(repo.dir.toString(), null, TaskType.TESTS)
                        .plan()
                        .deadline())
                .isNull();
    }

    @Test
    void jobsCarryLanguageTokensHashAndTheConfiguredBudget() {
        // When
        RunPlanning.Result result = planning.plan(repo.dir.toString(), null, TaskType.DOCS);

        // Then
        Job py = result.job("app/calc.py");
        assertThat(py.language()).isEqualTo("python");
        assertThat(py.content()).isEqualTo(SampleRepository.PYTHON);
        assertThat(py.contentHash()).isEqualTo(JobIds.contentHash(SampleRepository.PYTHON));
        assertThat(py.inputTokens())
                .isEqualTo(TokenCounter.count(SampleRepository.PYTHON))
                .isPositive();
        assertThat(py.maxOutputTokens())
                .isEqualTo(SampleRepository.config().docs().fileOutputMin());
        assertThat(py.promptVersion())
                .isEqualTo(SampleRepository.config().jobs().promptVersion());
        assertThat(py.simulated()).isTrue();
        assertThat(py.tenant()).isEqualTo("acme");
        assertThat(py.repository())
                .isEqualTo(repo.dir.toAbsolutePath().normalize().toString());
        assertThat(py.jobId())
                .isEqualTo(JobIds.jobId(
                        py.repository(),
                        repo.secondCommit,
                        TaskType.DOCS,
                        "app/calc.py",
                        py.contentHash(),
                        py.promptVersion()));
        assertThat(result.job("web/square.js").language()).isEqualTo("javascript");
        assertThat(result.job("src/main/java/com/acme/Greeter.java").language()).isEqualTo("java");
        assertThat(result.plan().inputTokens())
                .isEqualTo(result.jobs().stream().mapToLong(Job::inputTokens).sum());
    }

    @Test
    void theSameCommitPlannedTwiceYieldsTheSameJobIds() {
        // When
        RunPlanning.Result first = planning.plan(repo.dir.toString(), null, TaskType.DOCS);
        RunPlanning.Result again = planning.plan(repo.dir.toString(), repo.secondCommit, TaskType.DOCS);

        // Then
        assertThat(first.plan().runId()).isNotEqualTo(again.plan().runId());
        assertThat(again.plan().jobIds()).isEqualTo(first.plan().jobIds());
    }

    @Test
    void aDifferentTaskOrCommitYieldsDifferentJobIds() {
        // When
        List<String> docs =
                planning.plan(repo.dir.toString(), null, TaskType.DOCS).plan().jobIds();
        List<String> tests =
                planning.plan(repo.dir.toString(), null, TaskType.TESTS).plan().jobIds();
        List<String> firstCommit =
                planning.plan(repo.dir.toString(), "v1", TaskType.DOCS).plan().jobIds();

        // Then
        assertThat(tests).doesNotContainAnyElementsOf(docs);
        assertThat(firstCommit).doesNotContainAnyElementsOf(docs);
    }

    @Test
    void resolvesATagToItsCommit() {
        // When
        RunPlanning.Result result = planning.plan(repo.dir.toString(), "v1", TaskType.DOCS);

        // Then
        assertThat(result.plan().commit()).isEqualTo(repo.firstCommit);
        assertThat(result.job("src/main/java/com/acme/Greeter.java").content()).isEqualTo(SampleRepository.GREETER_V1);
        assertThat(result.unitPaths()).doesNotContain("src/main/java/com/acme/util/Strings.java");
    }

    @Test
    void resolvesABranchAFullCommitIdAndAnAbbreviatedOne() {
        // When
        String byBranch =
                planning.plan(repo.dir.toString(), "main", TaskType.DOCS).plan().commit();
        String byFullId = planning.plan(repo.dir.toString(), repo.firstCommit, TaskType.DOCS)
                .plan()
                .commit();
        String byShortId = planning.plan(repo.dir.toString(), repo.firstCommit.substring(0, 8), TaskType.DOCS)
                .plan()
                .commit();

        // Then
        assertThat(byBranch).isEqualTo(repo.secondCommit);
        assertThat(byFullId).isEqualTo(repo.firstCommit);
        assertThat(byShortId).isEqualTo(repo.firstCommit);
    }

    @Test
    void readsTheCommittedSnapshotNotTheWorkingTree() throws Exception {
        // Given uncommitted edits and an untracked file
        Files.writeString(repo.dir.resolve("app/calc.py"), "def add(a, b):\n    return 'uncommitted'\n");
        Files.writeString(repo.dir.resolve("app/scratch.py"), "print('untracked')\n");

        // When
        RunPlanning.Result result = planning.plan(repo.dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.job("app/calc.py").content()).isEqualTo(SampleRepository.PYTHON);
        assertThat(result.unitPaths()).doesNotContain("app/scratch.py");
    }

    @Test
    void skipsFilesLargerThanTheConfiguredLimitWithoutReadingThem() {
        // Given a limit between the smallest and the largest source file
        long limit = SampleRepository.PYTHON.length() + 1L;
        RunPlanning small =
                new RunPlanning(SampleRepository.configWithMaxFileBytes(limit, List.of()), tmp.resolve("cache2"));

        // When
        RunPlanning.Result result = small.plan(repo.dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.unitPaths()).contains("app/calc.py");
        assertThat(result.skipReason("src/main/java/com/acme/Greeter.java")).isEqualTo("too-large");
    }

    @Test
    void plansAFileUrlByCloningItIntoTheCacheAndFetchesNewCommitsOnReuse() {
        // Given a first run that clones
        String url = repo.dir.toUri().toString();
        RunPlanning.Result first = planning.plan(url, null, TaskType.DOCS);

        // When the repository gains a commit and the URL is planned again
        String third;
        try (var builder = dev.nightshift.testkit.GitRepoBuilder.init(repo.dir)) {
            third = builder.file("app/extra.py", "def extra():\n    return 1\n").commit("third");
        }
        RunPlanning.Result second = planning.plan(url, null, TaskType.DOCS);

        // Then
        assertThat(first.plan().commit()).isEqualTo(repo.secondCommit);
        assertThat(first.plan().repository()).isEqualTo(url);
        assertThat(second.plan().commit()).isEqualTo(third);
        assertThat(second.unitPaths()).contains("app/extra.py");
        assertThat(tmp.resolve("cache/clones"))
                .isDirectoryContaining(p -> p.getFileName().toString().endsWith(".git"));
    }
}
