package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.simulator.reply.DocsDefects;
import dev.nightshift.sinkapi.export.BranchExport;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.SampleSources;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documentation end to end on the simulator: file documents first, folder summaries built from them, one
 * ARCHITECTURE.md built from the summaries; hallucinated names caught and reviewed away; a huge class split and merged;
 * hand-written files kept; the same commit from another clone served from the cache.
 */
class DocsHierarchyRunIT {
    @TempDir
    static Path dir;

    static SimulatedPipeline harness;
    static SimulatorFixture simulator;
    static LocalPipeline pipeline;
    static RunProbe probe;

    @BeforeAll
    static void startPipeline() {
        harness = SimulatedPipeline.start(ConfigLoader.loadDefault(Map.of()), dir.resolve("home"));
        simulator = harness.simulator;
        pipeline = harness.pipeline;
        probe = harness.probe;
    }

    @AfterAll
    static void stopPipeline() {
        harness.close();
    }

    @AfterEach
    void truthfulModels() {
        for (String provider : simulator.simulator().providers()) {
            simulator.simulator().script(provider, p -> p.withDocsDefects(DocsDefects.NONE));
        }
    }

    /** A three-level repository whose every file names it, so that no test is served another's cached documents. */
    private static Path threeLevels(String name) {
        Path repo = dir.resolve(name);
        String salt = "# " + name + "\n";
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            git.file(
                            "pkg/orders.py",
                            salt
                                    + "class OrderBook:\n    \"\"\"Keeps the open orders.\"\"\"\n\n    def add(self, order):\n"
                                    + "        return order\n\n    def total(self):\n        return 42\n")
                    .file("pkg/invoices.py", salt + "def render_invoice(order):\n    return f\"invoice {order}\"\n")
                    .file(
                            "pkg/tax/rates.py",
                            salt + "def vat_rate(country):\n    return 0.2 if country == 'FR' else 0.19\n")
                    .file("pkg/tax/rounding.py", salt + "def round_cents(amount):\n    return round(amount, 2)\n")
                    .file(
                            "pkg/tax/test_rates.py",
                            "from pkg.tax.rates import vat_rate\n\ndef test_fr():\n    assert vat_rate('FR') == 0.2\n")
                    .file(
                            "main.py",
                            salt + "from pkg.orders import OrderBook\n\ndef main():\n    print(OrderBook().total())\n")
                    .file("pyproject.toml", "[project]\nname = \"shop\"\nversion = \"1.0\"\n")
                    .commit("three levels");
        }
        return repo;
    }

    @Test
    void aThreeLevelRepositoryIsDocumentedBottomUpWithAnArchitectureDiagram() {
        Path repo = threeLevels("three-levels");
        int before = simulator.simulator().prompts().size();

        RunPlanned run = probe.submit(repo, null, TaskType.DOCS);
        JsonNode status = probe.awaitCompleted(run.runId());

        Map<String, String> docs = probe.artifactsByPath(run.runId());
        assertThat(docs)
                .containsOnlyKeys(
                        "main.py.md",
                        "pkg/orders.py.md",
                        "pkg/invoices.py.md",
                        "pkg/tax/rates.py.md",
                        "pkg/tax/rounding.py.md",
                        "pkg/tax/README.md",
                        "pkg/README.md",
                        "ARCHITECTURE.md");
        assertThat(docs.get("pkg/orders.py.md")).contains("## Purpose", "## Public API", "OrderBook", "add", "total");
        assertThat(docs.get("ARCHITECTURE.md")).contains("```mermaid", "graph TD");

        List<ReceivedPrompts.Received> prompts = simulator.simulator().prompts();
        String taxPrompt = only(prompts.subList(before, prompts.size()), "Level: folder", "Path: pkg/tax\n");
        assertThat(taxPrompt)
                .as("the tax folder's summary is built from its files' documents, not their source")
                .contains(
                        "### File: pkg/tax/rates.py",
                        "### File: pkg/tax/rounding.py",
                        purpose(docs.get("pkg/tax/rates.py.md")),
                        "test_rates.py")
                .doesNotContain("return round(amount, 2)", "0.2 if country");
        String pkgPrompt = only(prompts.subList(before, prompts.size()), "Level: folder", "Path: pkg\n");
        assertThat(pkgPrompt)
                .contains(
                        "### Folder: pkg/tax",
                        firstLines(docs.get("pkg/tax/README.md")),
                        "### File: pkg/orders.py",
                        "### File: pkg/invoices.py");
        String repositoryPrompt =
                only(prompts.subList(before, prompts.size()), "Level: repository", "Path: ARCHITECTURE.md");
        assertThat(repositoryPrompt)
                .contains(
                        "### Folder: pkg",
                        "### File: main.py",
                        "==> pyproject.toml <==",
                        firstLines(docs.get("pkg/README.md")));

        JsonNode figures = status.path("docs");
        assertThat(figures.path("files").asInt()).isEqualTo(5);
        assertThat(figures.path("folders").asInt()).isEqualTo(2);
        assertThat(figures.path("architecture").asInt()).isEqualTo(1);
        assertThat(figures.path("complete").asInt()).isEqualTo(8);
        assertThat(figures.path("truncated").asInt()).isZero();
        assertThat(probe.ledger(run.runId()))
                .allSatisfy(
                        e -> assertThat(e.path("docs").path("level").asText()).isIn("FILE", "FOLDER", "REPOSITORY"));
    }

    @Test
    void aDocumentNamingASymbolThatDoesNotExistIsCaughtAndReviewedAway() {
        simulator.simulator().script("deepseek", p -> p.withDocsDefects(DocsDefects.alwaysHallucinating()));
        Path repo = threeLevels("hallucinations");

        RunPlanned run = probe.submit(repo, null, TaskType.DOCS);
        JsonNode status = probe.awaitCompleted(run.runId());

        List<JsonNode> rejected = probe.ledger(run.runId()).stream()
                .filter(e -> "DOCS_REJECTED".equals(e.path("failureClass").asText()))
                .toList();
        assertThat(rejected)
                .as("every file document's first draft names an invented symbol")
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.path("docs").path("unknownNames")).isNotEmpty());
        Map<String, String> docs = probe.artifactsByPath(run.runId());
        for (JsonNode e : rejected) {
            String invented = e.path("docs").path("unknownNames").get(0).asText();
            assertThat(docs.get(e.path("unitPath").asText() + ".md")).doesNotContain(invented.replaceAll("\\(.*", ""));
        }
        assertThat(status.path("docs").path("repaired").asInt()).isEqualTo(5);
        assertThat(status.path("docs").path("unknownNames").asInt()).isZero();
        assertThat(status.path("jobs").path("succeeded").asInt())
                .isEqualTo(run.jobIds().size());
    }

    @Test
    void aClassOfAHundredThousandTokensIsDocumentedInPartsMergedIntoOneDocument() throws Exception {
        Path repo = dir.resolve("huge-class");
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            git.file("src/main/java/shop/Ledger.java", SampleSources.hugeJavaClass(1500))
                    .commit("one huge class");
        }

        RunPlanned run = probe.submit(repo, null, TaskType.DOCS);
        probe.awaitCompleted(run.runId());
        Path out = dir.resolve("huge-class-out");
        new dev.nightshift.app.run.ArtifactWriter(out)
                .writeAll(new HttpArtifactSource(pipeline.sinkUrl(), null, run.runId()));

        assertThat(run.jobIds()).hasSizeGreaterThan(30);
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> out.relativize(p).toString())
                            .toList())
                    .containsExactlyInAnyOrder("src/main/java/shop/Ledger.java.md", "ARCHITECTURE.md");
        }
        String merged = Files.readString(out.resolve("src/main/java/shop/Ledger.java.md"));
        assertThat(merged).contains("figure0", "figure777", "figure1499").doesNotContain("(part 2 of");
        assertThat(merged.lines().filter(l -> l.startsWith("# ")).count())
                .as("one title")
                .isEqualTo(1);
    }

    @Test
    void aHandWrittenReadmeAndArchitectureSurviveAnExportToABranch() throws Exception {
        Path repo = dir.resolve("hand-written");
        String readme = "# pkg\n\nWritten by a person; keep me.\n";
        String architecture = "# Our architecture\n\nHand-drawn.\n";
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            git.file("pkg/a.py", "def a():\n    return 1\n")
                    .file("pkg/b.py", "def b():\n    return 2\n")
                    .file("pkg/README.md", readme)
                    .file("ARCHITECTURE.md", architecture)
                    .commit("hand-written docs");
        }
        RunPlanned run = probe.submit(repo, null, TaskType.DOCS);
        probe.awaitCompleted(run.runId());

        ExportReport report = BranchExport.export(
                new HttpArtifactSource(pipeline.sinkUrl(), null, run.runId()), repo, "nightshift/docs");

        assertThat(read(repo, "nightshift/docs", "pkg/README.md")).isEqualTo(readme);
        assertThat(read(repo, "nightshift/docs", "ARCHITECTURE.md")).isEqualTo(architecture);
        assertThat(read(repo, "nightshift/docs", "pkg/README.nightshift.md")).contains("pkg");
        assertThat(read(repo, "nightshift/docs", "ARCHITECTURE.nightshift.md")).contains("```mermaid");
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).startsWith("conflict: ARCHITECTURE.md"));
    }

    @Test
    void theSameCommitFromAnotherClonePathCostsNothing() throws Exception {
        Path original = threeLevels("clone-a");
        Path copy = dir.resolve("clone-b");
        Git.cloneRepository()
                .setURI(original.toUri().toString())
                .setDirectory(copy.toFile())
                .call()
                .close();

        RunPlanned first = probe.submit(original, null, TaskType.DOCS);
        JsonNode firstStatus = probe.awaitCompleted(first.runId());
        probe.awaitAnnounced(first);
        RunPlanned second = probe.submit(copy, null, TaskType.DOCS);
        JsonNode secondStatus = probe.awaitCompleted(second.runId());

        assertThat(second.repository()).isNotEqualTo(first.repository());
        assertThat(probe.cost(firstStatus)).isGreaterThan(Money.ZERO);
        assertThat(probe.cost(secondStatus)).isEqualTo(Money.ZERO);
        assertThat(secondStatus.path("servedFromCache").asInt())
                .isEqualTo(second.jobIds().size());
        assertThat(probe.artifactsByPath(second.runId())).isEqualTo(probe.artifactsByPath(first.runId()));
    }

    private static String only(List<ReceivedPrompts.Received> prompts, String... needles) {
        List<String> matching = prompts.stream()
                .map(ReceivedPrompts.Received::prompt)
                .filter(p -> List.of(needles).stream().allMatch(p::contains))
                .toList();
        assertThat(matching).as("prompts containing " + List.of(needles)).hasSize(1);
        return matching.get(0);
    }

    /** The first paragraph of a document's Purpose section. */
    private static String purpose(String doc) {
        String after =
                doc.substring(doc.indexOf("## Purpose") + "## Purpose".length()).strip();
        return after.substring(0, after.indexOf('\n') < 0 ? after.length() : after.indexOf('\n'))
                .strip();
    }

    /** A document's first line after its title. */
    private static String firstLines(String doc) {
        return doc.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("<!--"))
                .findFirst()
                .orElseThrow();
    }

    private static String read(Path repo, String branch, String path) throws Exception {
        try (Git git = Git.open(repo.toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            Repository r = git.getRepository();
            RevCommit commit = walk.parseCommit(r.resolve("refs/heads/" + branch));
            try (TreeWalk tw = TreeWalk.forPath(r, path, commit.getTree())) {
                assertThat(tw).as(path + " on " + branch).isNotNull();
                return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
