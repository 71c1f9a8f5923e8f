package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.money.Money;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.eval.EvaluationSummary;
import dev.nightshift.sink.eval.WilsonInterval;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SampleMavenProject;
import dev.nightshift.testkit.SimulatorFixture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightshift eval} as a user runs it, on a Maven project built at test time, against the simulator with
 * three model profiles: DeepSeek's tests are clean; Claude Haiku's never build at first and one repair fixes them;
 * GPT-4o mini's never build and its repairs never help. Every candidate is built and run by the real validator.
 */
class EvalCommandIT {
    private static final String DEEPSEEK = "deepseek/deepseek-chat";
    private static final String HAIKU = "anthropic/claude-3-5-haiku";
    private static final String MINI = "openai/gpt-4o-mini";
    /** What each profile implies for a unit's chance to end with a passing test (two repair rounds). */
    private static final Map<String, Double> EXPECTED_PASS_RATE = Map.of(DEEPSEEK, 1.0, HAIKU, 1.0, MINI, 0.0);

    @TempDir
    static Path dir;

    static SimulatorFixture simulator;
    static CliRun eval;
    static JsonNode report;
    static Map<String, String> env;

    @BeforeAll
    static void evaluateThreeModelsOnASampleProject() throws Exception {
        Path repo = dir.resolve("calc");
        SampleMavenProject.create(repo);
        simulator = SimulatorFixture.start(ConfigLoader.loadDefault(Map.of()), sim -> sim.withProvider(
                        "deepseek", p -> p.withTestDefects(TestDefects.NONE))
                .withProvider("anthropic", p -> p.withTestDefects(new TestDefects(1.0, 0.0, 0.0, 0.0, 1.0)))
                .withProvider("openai", p -> p.withTestDefects(new TestDefects(1.0, 0.0, 0.0, 0.0, 0.0))));
        env = new HashMap<>();
        env.put("NIGHTSHIFT_HOME", dir.resolve("home").toString());
        simulator.config().providers().forEach((id, p) -> {
            env.put("NIGHTSHIFT_PROVIDERS_" + id.toUpperCase(Locale.ROOT) + "_BASEURL", p.baseUrl());
            env.put(p.apiKeyEnv(), SimulatorFixture.FAKE_KEY);
        });
        eval = CliRun.of(
                env,
                "eval",
                repo.toString(),
                "--task",
                "tests",
                "--models",
                DEEPSEEK + "," + HAIKU + "," + MINI,
                "--sample",
                "3",
                "--seed",
                "7",
                "--json",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        report = Json.mapper().readTree(eval.out());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void stdoutCarriesOnlyTheEvaluationAsJson() {
        assertThat(eval.out().strip()).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(report.path("summary").path("evaluationId").asText()).startsWith("e-");
        assertThat(report.path("summary").path("complete").asBoolean()).isTrue();
        assertThat(report.path("summary").path("arms")).hasSize(3);
    }

    @Test
    void eachModelGetsTheSameUnitsAndItsFiguresMatchItsProfileWithinTheConfidenceInterval() {
        for (String model : List.of(DEEPSEEK, HAIKU, MINI)) {
            JsonNode java = row(model, "java");
            assertThat(java.path("units").asInt()).as("%s", java).isEqualTo(3);
            double low = java.path("passRateLow").asDouble();
            double high = java.path("passRateHigh").asDouble();
            assertThat(EXPECTED_PASS_RATE.get(model)).as("%s: %s", model, java).isBetween(low, high);
            assertThat(WilsonInterval.of(java.path("passed").asLong(), 3).low()).isEqualTo(low);
            assertThat(row(model, "all").path("units").asInt()).isEqualTo(3);
        }
        assertThat(row(DEEPSEEK, "java").path("passed").asInt()).isEqualTo(3);
        assertThat(row(DEEPSEEK, "java").path("repairRounds").asDouble()).isZero();
        assertThat(row(DEEPSEEK, "java").path("linesGained").asInt()).isPositive();
        assertThat(row(HAIKU, "java").path("passed").asInt()).isEqualTo(3);
        assertThat(row(HAIKU, "java").path("repairRounds").asDouble()).isEqualTo(1.0);
        assertThat(row(HAIKU, "java").path("attempts").asInt()).isEqualTo(6);
        assertThat(row(MINI, "java").path("passed").asInt()).isZero();
        assertThat(row(MINI, "java").path("attempts").asInt())
                .as("a first try and two repairs per unit: %s", report)
                .isEqualTo(9);
        assertThat(row(MINI, "java").path("costPerPass").isTextual())
                .as("no pass, no cost per pass")
                .isFalse();
        assertThat(row(HAIKU, "java").path("costPerPass").isTextual()).isTrue();
    }

    @Test
    void costsAgreeWithTheLedgerAndTheSimulatorsBill() throws Exception {
        for (JsonNode arm : report.path("summary").path("arms")) {
            String model = arm.path("model").asText();
            CliRun ledger = CliRun.of(env, "ledger", "--run", arm.path("runId").asText(), "--format", "jsonl");
            assertThat(ledger.exitCode()).as(ledger.err()).isZero();
            Money ledgerUsd = Money.ZERO;
            List<String> models = new ArrayList<>();
            for (String line : ledger.out().split("\n")) {
                if (!line.isBlank()) {
                    JsonNode entry = Json.mapper().readTree(line);
                    ledgerUsd = ledgerUsd.plus(Money.usd(entry.path("cost").asText()));
                    models.add(entry.path("model").asText());
                }
            }
            assertThat(models).as("an arm calls its model alone").isNotEmpty().allMatch(model::equals);
            // Each arm's model is on a provider of its own; the bill names the provider's own model id.
            Money billed = simulator.bill().stream()
                    .filter(b -> model.startsWith(b.provider() + "/"))
                    .map(BillEntry::cost)
                    .reduce(Money.ZERO, Money::plus);
            BigDecimal reported = new BigDecimal(row(model, "all").path("cost").asText());
            assertThat(reported).as(model).isEqualByComparingTo(ledgerUsd.toBigDecimal());
            assertThat(billed)
                    .as("%s: bill %s, ledger %s", model, simulator.bill(), ledger.out())
                    .isEqualTo(ledgerUsd);
        }
    }

    @Test
    void theEvaluationIsKeptInTheSink() {
        try (SinkStore store = SinkStore.open(dir.resolve("home").resolve("sink"))) {
            List<EvaluationSummary> listed = new EvaluationQueries(store).list(null);
            assertThat(listed)
                    .extracting(EvaluationSummary::evaluationId)
                    .contains(report.path("summary").path("evaluationId").asText());
        }
    }

    private static JsonNode row(String model, String language) {
        for (JsonNode row : report.path("rows")) {
            if (row.path("model").asText().equals(model)
                    && row.path("language").asText().equals(language)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + model + " × " + language + " in " + report);
    }
}
