package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.YamlDocuments;
import dev.nightshift.core.codec.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift estimate} and {@code run --max-cost}: the plan is priced before anything is spent. */
class EstimateCommandTest {
    @TempDir
    static Path dir;

    static SampleRepository repo;

    @BeforeAll
    static void createRepository() {
        repo = SampleRepository.create(dir.resolve("repo"));
    }

    @Test
    void asATableTheEstimateNamesTheBaselineAndWithOutputJsonItIsOneJsonDocument() throws Exception {
        CliRun table = cli("estimate", repo.dir.toString(), "--task", "tests", "-o", "table");
        CliRun json = cli("estimate", repo.dir.toString(), "--task", "tests", "-o", "json");

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("baseline: all on openai/gpt-4o");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(Json.mapper().readTree(json.out()).path("jobs").asLong()).isPositive();
        assertThat(json.out().strip().lines()).hasSize(1);
    }

    @Test
    void withOutputYamlTheEstimateIsTheJsonDocumentAsYaml() throws Exception {
        CliRun json = cli("estimate", repo.dir.toString(), "--task", "tests", "-o", "json");
        CliRun yaml = cli("estimate", repo.dir.toString(), "--task", "tests", "-o", "yaml");

        assertThat(yaml.exitCode()).as(yaml.err()).isZero();
        JsonNode tree = YamlDocuments.read(yaml.out());
        assertThat(tree).isEqualTo(Json.mapper().readTree(json.out()));
        // amounts stay exact decimal strings, as in the JSON
        assertThat(tree.path("usd").isTextual()).as(yaml.out()).isTrue();
    }

    @Test
    void thePlansPerModelFiguresSumToItsTotalsAndItBeatsTheBaseline() throws Exception {
        CliRun run = cli("estimate", repo.dir.toString(), "--task", "tests", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // stdout is the JSON alone, so it pipes
        JsonNode estimate = Json.mapper().readTree(run.out());
        assertThat(run.out()).doesNotContain("baseline: all on");
        assertThat(estimate.path("jobs").asLong()).isPositive();
        long jobs = 0;
        long input = 0;
        long output = 0;
        java.math.BigDecimal usd = java.math.BigDecimal.ZERO;
        for (Iterator<JsonNode> it = estimate.path("byModel").elements(); it.hasNext(); ) {
            JsonNode m = it.next();
            jobs += m.path("jobs").asLong();
            input += m.path("inputTokens").asLong();
            output += m.path("outputTokens").asLong();
            usd = usd.add(new java.math.BigDecimal(m.path("usd").asText()));
        }
        assertThat(jobs).isEqualTo(estimate.path("jobs").asLong());
        assertThat(input).isEqualTo(estimate.path("inputTokens").asLong());
        assertThat(output).isEqualTo(estimate.path("outputTokens").asLong());
        assertThat(usd).isEqualByComparingTo(estimate.path("usd").asText());
        assertThat(new java.math.BigDecimal(estimate.path("baselineUsd").asText()))
                .isGreaterThan(usd);
    }

    @Test
    void withADeadlineTheEstimateShowsTheSynchronousCostBesideTheCostWithBatches() throws Exception {
        // Given: documentation sent to gemini first (batches allowed at half price)
        Path routing = java.nio.file.Files.writeString(
                dir.resolve("overnight-routing.yaml"),
                "router:\n  rules:\n    - name: docs-overnight\n      task: docs\n"
                        + "      models: [gemini/gemini-1.5-flash, deepseek/deepseek-chat]\n");
        String[] docs = {"estimate", repo.dir.toString(), "--task", "docs", "--routing", routing.toString()};

        // When: results needed within a day
        CliRun table = cli(with(docs, "--within", "1d", "-o", "table"));
        CliRun json = cli(with(docs, "--within", "1d", "--json"));
        CliRun none = cli(with(docs, "--json"));

        // Then
        assertThat(table.exitCode()).as(table.err()).isZero();
        JsonNode estimate = Json.mapper().readTree(json.out());
        long jobs = estimate.path("jobs").asLong();
        long batchJobs = estimate.path("batchJobs").asLong();
        assertThat(batchJobs).isPositive().isLessThanOrEqualTo(jobs);
        java.math.BigDecimal synchronous =
                new java.math.BigDecimal(estimate.path("usd").asText());
        java.math.BigDecimal withDeadline =
                new java.math.BigDecimal(estimate.path("usdWithDeadline").asText());
        assertThat(withDeadline).isLessThan(synchronous);
        assertThat(table.out())
                .contains("synchronous $" + estimate.path("usd").asText() + " · with the deadline: $"
                        + estimate.path("usdWithDeadline").asText() + " (" + batchJobs + " of " + jobs
                        + " jobs in provider batches at batch prices)");
        // And: without a deadline, the estimate is as it was
        assertThat(none.out()).doesNotContain("deadline").doesNotContain("batchJobs");
    }

    @Test
    void aDeadlineThatIsNotATimeIsRefusedNamingTheFlag() {
        CliRun run = cli("estimate", repo.dir.toString(), "--task", "docs", "--deadline", "tonight");

        run.assertOneLineError("--deadline 'tonight' is not a time");
    }

    @Test
    void aRunWhoseEstimateExceedsMaxCostIsRefusedBeforeAnythingStarts() {
        CliRun run = cli("run", repo.dir.toString(), "--task", "docs", "--max-cost", "0.000000001");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .last()
                .asString()
                .startsWith("error: the estimate for this run is $")
                .contains("--force");
        assertThat(run.err()).doesNotContain("starting nightshift");
    }

    @Test
    void runPrintsTheDeadlineItUnderstoodAndHoldsItsBudgetToTheCostWithBatches() throws Exception {
        // Given: documentation sent to gemini first, results needed by a far date
        Path routing = java.nio.file.Files.writeString(
                dir.resolve("overnight-run-routing.yaml"),
                "router:\n  rules:\n    - name: docs-overnight\n      task: docs\n"
                        + "      models: [gemini/gemini-1.5-flash, deepseek/deepseek-chat]\n");
        String[] docs = {"--task", "docs", "--routing", routing.toString(), "--deadline", "2099-01-01T07:00:00Z"};
        CliRun estimate = cli(with(new String[] {"estimate", repo.dir.toString()}, with(docs, "--json")));
        String withBatches =
                Json.mapper().readTree(estimate.out()).path("usdWithDeadline").asText();

        // When: a run with a budget below that
        CliRun run = cli(with(new String[] {"run", repo.dir.toString()}, with(docs, "--max-cost", "0.000000001")));

        // Then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines())
                .first()
                .asString()
                .startsWith("deadline: 2099-01-01 ")
                .contains("(2099-01-01T07:00:00Z): jobs that can wait go to the providers' batch APIs at batch prices");
        assertThat(run.errLines())
                .last()
                .asString()
                .startsWith("error: the estimate for this run is $" + withBatches + ", over --max-cost");
    }

    @Test
    void aBudgetThatIsNotAnAmountIsNamed() {
        CliRun run = cli("run", repo.dir.toString(), "--task", "docs", "--max-cost", "lots");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains("'lots' is not a dollar amount");
    }

    @Test
    void estimatingAFolderThatIsNotARepositoryIsNamed() {
        CliRun run = cli("estimate", dir.toString(), "--task", "docs");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("error: ").contains("not a git repository");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static CliRun cli(String... args) {
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), args);
    }
}
