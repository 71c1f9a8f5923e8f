package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.docs.DocsPlanner;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsPlanTest {
    @TempDir
    Path tmp;

    @Test
    void plansAJobPerFileASummaryPerFolderOfSeveralFilesAndOneRepositoryJob() {
        // Given
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("pkg/a.py", "def alpha(x):\n    return x\n")
                    .file("pkg/b.py", "class Beta:\n    def run(self):\n        return 1\n")
                    .file("pkg/sub/c.py", "def gamma():\n    return 3\n")
                    .file("main.py", "def main():\n    pass\n").commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache")).plan(dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.unitPaths()).containsExactlyInAnyOrder("main.py", "pkg/a.py", "pkg/b.py", "pkg/sub/c.py",
                "pkg/README", "ARCHITECTURE");
        assertThat(result.job("pkg/README").content())
                .contains("# Folder pkg: 2 source files", "Subfolders: sub", "## a.py (python, 2 lines)",
                        "- function alpha (lines 1-2): def alpha(x)", "- class Beta (lines 1-3): class Beta")
                .doesNotContain("return x");
        assertThat(result.job("ARCHITECTURE").content())
                .contains("==> main.py <==\ndef main():", "==> pkg/a.py <==", "==> pkg/b.py <==", "==> pkg/sub/c.py <==");
        long exact = TokenCounter.count(result.job("ARCHITECTURE").content());
        assertThat(result.job("ARCHITECTURE").inputTokens()).isBetween(exact - exact / 10 - 8, exact + exact / 10 + 8);
        assertThat(result.plan().inputTokens()).isEqualTo(result.jobs().stream().mapToLong(Job::inputTokens).sum());
    }

    @Test
    void aLargeFileIsSplitAtUnitBoundariesIntoLineRangesThatCoverIt() {
        // Given a Python file of about 40k tokens
        StringBuilder big = new StringBuilder("import os\n\n");
        for (int i = 0; i < 400; i++) {
            big.append("def function_").append(i).append("(alpha, beta, gamma):\n")
                    .append("    \"\"\"Combines alpha, beta and gamma in the ").append(i).append("th way for the report.\"\"\"\n")
                    .append("    total = alpha * ").append(i).append(" + beta - gamma // 3 + len(os.sep) * 17\n")
                    .append("    return [total, alpha, beta, gamma, '").append(Integer.toHexString(i * 7919)).append("']\n\n");
        }
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("big.py", big.toString()).commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache")).plan(dir.toString(), null, TaskType.DOCS);

        // Then
        List<Job> parts = result.jobs().stream().filter(j -> j.unitPath().startsWith("big.py#L")).toList();
        assertThat(parts).hasSizeGreaterThan(1);
        int expectedStart = 1;
        for (Job part : parts) {
            String[] range = part.unitPath().substring("big.py#L".length()).split("-");
            assertThat(Integer.parseInt(range[0])).isEqualTo(expectedStart);
            expectedStart = Integer.parseInt(range[1]) + 1;
            assertThat(part.inputTokens()).isLessThanOrEqualTo(24_000 + 10);
            assertThat(part.content()).startsWith(expectedStart == 1 ? "" : "import os");
        }
        assertThat(expectedStart - 1).isEqualTo((int) big.toString().lines().count());
        assertThat(result.unitPaths()).doesNotContain("big.py");
    }

    @Test
    void aRepositoryLargerThanTheLargestContextWindowIsSplitInPartsWithANote() {
        // Given a planner whose repository job may hold 60 tokens
        JobFactory factory = new JobFactory(RunPlanning.request("/repo", null, TaskType.DOCS), "/repo", "c0ffee",
                SampleRepository.config().jobs());
        DocsPlanner planner = new DocsPlanner(factory, 24_000, 60, tmp.resolve("spool"));
        PlanReport report = new PlanReport();

        // When
        try (JobSpool spool = new JobSpool(tmp.resolve("spool"))) {
            for (int i = 0; i < 4; i++) {
                SourceFile file = new SourceFile("m" + i + ".py", "python", "def f" + i + "(a, b):\n    return a * b + " + i + "\n");
                planner.file(planner.prepare(file), spool, report);
            }
            planner.finish(spool, report);
            List<Job> jobs = new PlannedRun(null, spool).decodeJobs();

            // Then
            List<String> parts = jobs.stream().map(Job::unitPath).filter(p -> p.startsWith("ARCHITECTURE")).toList();
            assertThat(parts).hasSizeGreaterThan(1).allMatch(p -> p.matches("ARCHITECTURE\\.part-\\d+"));
            assertThat(report.entries()).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("ARCHITECTURE");
                assertThat(e.reason()).startsWith("split:").contains("exceed the largest context window's 60")
                        .contains(parts.size() + " parts in path order");
            });
            String joined = String.join("", jobs.stream().filter(j -> j.unitPath().startsWith("ARCHITECTURE")).map(Job::content).toList());
            assertThat(joined).contains("==> m0.py <==", "==> m3.py <==");
            assertThat(jobs).allSatisfy(j -> assertThat(j.contentHash()).isEqualTo(JobIds.contentHash(j.content())));
        }
    }

    @Test
    void aRepositoryThatFitsTheLargestContextWindowIsOneJob() {
        // Given
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(SampleRepository.create(tmp.resolve("repo")).dir.toString(), null, TaskType.DOCS);

        // Then
        assertThat(result.unitPaths()).containsOnlyOnce("ARCHITECTURE");
        Job repository = result.job("ARCHITECTURE");
        assertThat(repository.contentHash()).isEqualTo(JobIds.contentHash(repository.content()));
        assertThat(result.plan().skipped()).extracting(RunPlanned.SkippedFile::reason).noneMatch(r -> r.startsWith("split"));
    }
}
