package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.DocsConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.docs.DocsPlanner;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.SampleSources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsPlanTest {
    @TempDir
    Path tmp;

    private Path threeLevelRepository() {
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("pkg/a.py", "def alpha(x):\n    return x\n")
                    .file(
                            "pkg/b.py",
                            "class Beta:\n    def run(self):\n        return 1\n\n    def _hidden(self):\n        return 2\n")
                    .file("pkg/README.md", "# pkg\nWritten by hand.\n")
                    .file("pkg/sub/c.py", "def gamma():\n    return 3\n")
                    .file("pkg/sub/d.py", "def delta():\n    return 4\n")
                    .file(
                            "pkg/sub/test_c.py",
                            "from pkg.sub.c import gamma\n\ndef test_gamma():\n    assert gamma() == 3\n")
                    .file("main.py", "def main():\n    pass\n")
                    .file("pyproject.toml", "[project]\nname = \"demo\"\n")
                    .commit("c");
        }
        return dir;
    }

    @Test
    void plansFileDocumentsThenFolderSummariesThenTheArchitectureEachAwaitingItsChildren() {
        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(threeLevelRepository().toString(), null, TaskType.DOCS);

        // Then every level is planned, the test file is not documented and the hand-written README is kept
        assertThat(result.unitPaths())
                .containsExactlyInAnyOrder(
                        "main.py",
                        "pkg/a.py",
                        "pkg/b.py",
                        "pkg/sub/c.py",
                        "pkg/sub/d.py",
                        "pkg/sub/README",
                        "pkg/README.nightshift",
                        "ARCHITECTURE");
        Job b = result.job("pkg/b.py");
        assertThat(b.docs()).isEqualTo(DocsTarget.file("pkg/b.py.md", List.of("Beta", "Beta.run")));
        assertThat(b.awaitingChildren()).isFalse();

        Job sub = result.job("pkg/sub/README");
        assertThat(sub.awaitingChildren()).isTrue();
        assertThat(sub.docs().level()).isEqualTo(DocLevel.FOLDER);
        assertThat(sub.docs().docPath()).isEqualTo("pkg/sub/README.md");
        assertThat(sub.docs().children())
                .containsExactly(
                        new DocChild(result.job("pkg/sub/c.py").jobId(), "pkg/sub/c.py", DocLevel.FILE),
                        new DocChild(result.job("pkg/sub/d.py").jobId(), "pkg/sub/d.py", DocLevel.FILE));
        assertThat(sub.content()).contains("test_c.py");

        Job pkg = result.job("pkg/README.nightshift");
        assertThat(pkg.docs().docPath()).isEqualTo("pkg/README.nightshift.md");
        assertThat(pkg.docs().children())
                .extracting(DocChild::unitPath)
                .containsExactly("pkg/a.py", "pkg/b.py", "pkg/sub/README");
        assertThat(pkg.docs().children().get(2).level()).isEqualTo(DocLevel.FOLDER);

        Job architecture = result.job("ARCHITECTURE");
        assertThat(architecture.docs().level()).isEqualTo(DocLevel.REPOSITORY);
        // Two top children are few modules to relate: the summaries one level down come too.
        assertThat(architecture.docs().children())
                .extracting(DocChild::unitPath)
                .containsExactly("main.py", "pkg/README.nightshift", "pkg/sub/README");
        assertThat(architecture.content())
                .contains(
                        "Build files:",
                        "==> pyproject.toml <==",
                        "name = \"demo\"",
                        "Whole source (for reference):",
                        "==> pkg/sub/c.py <==");
        // Its cache identity is the build files only: a change to the source alone does not make it new work.
        assertThat(architecture.contentHash()).isNotEqualTo(JobIds.contentHash(architecture.content()));

        assertThat(result.skipReasons("pkg/sub/test_c.py"))
                .anySatisfy(r -> assertThat(r).startsWith("docs:test file"));
        assertThat(result.skipReasons("pkg/README.md"))
                .anySatisfy(
                        r -> assertThat(r).startsWith("conflict:hand-written").contains("pkg/README.nightshift.md"));
    }

    @Test
    void aSummarysPlannedInputCountsWhatItsChildrenWillAdd() {
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(threeLevelRepository().toString(), null, TaskType.DOCS);

        Job sub = result.job("pkg/sub/README");
        assertThat(sub.inputTokens()).isGreaterThan(TokenCounter.count(sub.content()));
        assertThat(sub.maxOutputTokens())
                .isEqualTo(DocsConfig.DEFAULTS.folderOutputTokens(2))
                .isEqualTo(1_112);
        assertThat(result.job("pkg/README.nightshift").maxOutputTokens()).isEqualTo(1_412);
        assertThat(result.job("ARCHITECTURE").maxOutputTokens())
                .isEqualTo(DocsConfig.DEFAULTS.repositoryOutputTokens(3))
                .isEqualTo(2_736);
        assertThat(result.job("main.py").maxOutputTokens()).isEqualTo(DocsConfig.DEFAULTS.fileOutputMin());
    }

    @Test
    void codeUnderOneTopFolderGivesTheArchitectureItsModulesNotTheLoneFolder() {
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("src/main/java/org/demo/Main.java", "package org.demo;\npublic class Main {}\n")
                    .file("src/main/java/org/demo/core/A.java", "package org.demo.core;\npublic class A {}\n")
                    .file("src/main/java/org/demo/core/B.java", "package org.demo.core;\npublic class B {}\n")
                    .file("src/main/java/org/demo/web/C.java", "package org.demo.web;\npublic class C {}\n")
                    .file("src/main/java/org/demo/web/D.java", "package org.demo.web;\npublic class D {}\n")
                    .file("pom.xml", "<project/>\n")
                    .commit("one module");
        }

        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.DOCS);

        assertThat(result.job("src/main/java/org/demo/README").docs().children())
                .extracting(DocChild::unitPath)
                .containsExactly(
                        "src/main/java/org/demo/Main.java",
                        "src/main/java/org/demo/core/README",
                        "src/main/java/org/demo/web/README");
        assertThat(result.job("ARCHITECTURE").docs().children())
                .extracting(DocChild::unitPath)
                .containsExactly(
                        "src/main/java/org/demo/Main.java",
                        "src/main/java/org/demo/core/README",
                        "src/main/java/org/demo/web/README");
    }

    @Test
    void testFilesAreDocumentedWhenTheConfigSaysSo() {
        NightshiftConfig c = SampleRepository.config();
        NightshiftConfig including = new NightshiftConfig(
                c.providers(),
                c.routing(),
                c.jobs(),
                c.baseline(),
                c.ingest(),
                c.sink(),
                c.validation(),
                new DocsConfig("include", null, null, null, null, null, null, null, null));

        RunPlanning.Result result = new RunPlanning(including, tmp.resolve("cache"))
                .plan(threeLevelRepository().toString(), null, TaskType.DOCS);

        assertThat(result.unitPaths()).contains("pkg/sub/test_c.py");
        assertThat(result.job("pkg/sub/README").docs().children())
                .extracting(DocChild::unitPath)
                .contains("pkg/sub/test_c.py");
    }

    @Test
    void aLargeFileIsSplitIntoPartsThatShareItsDocumentAndCarryItsOutline() {
        // Given a Python file of about 40k tokens
        StringBuilder big = new StringBuilder("import os\n\n");
        for (int i = 0; i < 400; i++) {
            big.append("def function_")
                    .append(i)
                    .append("(alpha, beta, gamma):\n")
                    .append("    \"\"\"Combines alpha, beta and gamma in the ")
                    .append(i)
                    .append("th way for the report.\"\"\"\n")
                    .append("    total = alpha * ")
                    .append(i)
                    .append(" + beta - gamma // 3 + len(os.sep) * 17\n")
                    .append("    return [total, alpha, beta, gamma, '")
                    .append(Integer.toHexString(i * 7919))
                    .append("']\n\n");
        }
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("big.py", big.toString()).commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        List<Job> parts = result.jobs().stream()
                .filter(j -> j.unitPath().startsWith("big.py#L"))
                .toList();
        assertThat(parts).hasSizeGreaterThan(1);
        int expectedStart = 1;
        for (int i = 0; i < parts.size(); i++) {
            Job part = parts.get(i);
            String[] range = part.unitPath().substring("big.py#L".length()).split("-");
            assertThat(Integer.parseInt(range[0])).isEqualTo(expectedStart);
            expectedStart = Integer.parseInt(range[1]) + 1;
            assertThat(part.inputTokens()).isLessThanOrEqualTo(24_000 + 10);
            assertThat(part.docs().docPath()).isEqualTo("big.py.md");
            assertThat(part.docs().part()).isEqualTo(i + 1);
            assertThat(part.docs().parts()).isEqualTo(parts.size());
            assertThat(part.docs().outline()).contains("function function_0", "more members");
            assertThat(part.docs().symbols()).isNotEmpty().allMatch(s -> part.content()
                    .contains("def " + s + "("));
        }
        assertThat(expectedStart - 1).isEqualTo((int) big.toString().lines().count());
        assertThat(result.unitPaths()).doesNotContain("big.py");
        assertThat(result.skipReasons("big.py"))
                .singleElement()
                .asString()
                .startsWith("split:")
                .contains("member boundaries");
    }

    @Test
    void aClassOverTheLimitIsSplitBetweenItsMethodsAndEachPartKeepsTheClassDeclaration() {
        // Given one Java class of about 100k tokens
        String big = SampleSources.hugeJavaClass(1500);
        assertThat(TokenCounter.count(big)).isGreaterThan(90_000);
        Path dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("src/main/java/shop/Ledger.java", big).commit("c");
        }

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.DOCS);

        // Then
        List<Job> parts = result.jobs().stream()
                .filter(j -> j.unitPath().startsWith("src/main/java/shop/Ledger.java#L"))
                .toList();
        assertThat(parts).hasSizeGreaterThanOrEqualTo(4);
        for (Job part : parts) {
            assertThat(part.inputTokens()).isLessThanOrEqualTo(24_000 + 200);
            assertThat(part.content()).contains("public final class Ledger");
            assertThat(part.docs().docPath()).isEqualTo("src/main/java/shop/Ledger.java.md");
            assertThat(part.docs().symbols())
                    .isNotEmpty()
                    .allMatch(s -> s.equals("Ledger")
                            || part.content().contains("public long " + s.substring("Ledger.".length()) + "("));
        }
        assertThat(parts.get(0).docs().symbols()).contains("Ledger", "Ledger.figure0");
        assertThat(parts.get(parts.size() - 1).docs().symbols()).contains("Ledger.figure1499");
    }

    @Test
    void aRepositoryLargerThanTheLargestContextWindowStillGetsOneArchitectureDocumentFromItsSummaries() {
        // Given a planner whose architecture job may hold 60 tokens
        JobFactory factory = new JobFactory(
                RunPlanning.request("/repo", null, TaskType.DOCS),
                "/repo",
                "c0ffee",
                SampleRepository.config().jobs());
        DocsPlanner planner = new DocsPlanner(factory, DocsConfig.DEFAULTS, 60, tmp.resolve("spool"));
        PlanReport report = new PlanReport();

        // When
        try (JobSpool spool = new JobSpool(tmp.resolve("spool"))) {
            for (int i = 0; i < 4; i++) {
                SourceFile file = new SourceFile(
                        "m" + i + "/f.py", "python", "def f" + i + "(a, b):\n    return a * b + " + i + "\n");
                planner.visited(file.path());
                planner.file(planner.prepare(file), spool, report);
            }
            planner.finish(spool, report);
            List<Job> jobs = new PlannedRun(null, spool).decodeJobs();

            // Then
            List<Job> architecture = jobs.stream()
                    .filter(j -> j.unitPath().startsWith("ARCHITECTURE"))
                    .toList();
            assertThat(architecture).singleElement().satisfies(a -> {
                assertThat(a.docs().children()).hasSize(4);
                assertThat(a.content()).doesNotContain("Whole source");
            });
            assertThat(report.entries()).anySatisfy(e -> {
                assertThat(e.path()).isEqualTo("ARCHITECTURE");
                assertThat(e.reason()).startsWith("summaries-only:");
            });
        }
    }
}
