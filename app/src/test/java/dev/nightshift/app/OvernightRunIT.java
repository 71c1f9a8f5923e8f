package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code nightshift run --within 9h} as a user runs it, once per batch protocol: the documents go through the
 * provider's batch API (the simulator's), each lands on the file it documents, and every attempt is in the ledger at
 * the batch price.
 */
class OvernightRunIT {
    @TempDir
    static Path dir;

    static SampleRepository repo;

    @BeforeAll
    static void createRepository() {
        repo = SampleRepository.create(dir.resolve("repo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai/gpt-4o-mini", "anthropic/claude-3-5-haiku", "gemini/gemini-1.5-flash"})
    void aRunWithADeadlineGoesThroughTheProvidersBatchesAndIsBilledAtTheBatchPrice(String model) throws Exception {
        String provider = ModelRef.parse(model).provider();
        Path routing = dir.resolve(provider + "-routing.yaml");
        Files.writeString(
                routing,
                "router:\n  includeCoreRules: true\n  rules:\n    - name: docs-overnight\n      task: docs\n"
                        + "      models: [" + model + "]\n");
        Path out = dir.resolve(provider + "-out");
        Map<String, String> env =
                Map.of("NIGHTSHIFT_HOME", dir.resolve(provider + "-home").toString());

        CliRun run = CliRun.of(
                env,
                "run",
                repo.dir.toString(),
                "--task",
                "docs",
                "--within",
                "9h",
                "--routing",
                routing.toString(),
                "--out",
                out.toString(),
                "-o",
                "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("deadline: ");
        JsonNode summary = Json.mapper().readTree(run.out());
        int total = summary.path("jobs").path("total").asInt();
        assertThat(summary.path("jobs").path("succeeded").asInt()).isEqualTo(total);
        // the results came back unordered from the batch and each document is the one of its own file
        assertThat(Files.readString(out.resolve(SampleRepository.JAVA + ".md"))).contains("Cart");
        assertThat(Files.readString(out.resolve(SampleRepository.PYTHON + ".md")))
                .contains("report");
        CliRun ledger = CliRun.of(env, "ledger", "--run", summary.path("runId").asText(), "--format", "jsonl");
        assertThat(ledger.exitCode()).as(ledger.err()).isZero();
        List<LedgerEntry> entries = ledger.out()
                .lines()
                .map(line -> {
                    try {
                        return Json.mapper().readValue(line, LedgerEntry.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("a ledger line does not read: " + line, e);
                    }
                })
                .toList();
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(total).allSatisfy(e -> {
            assertThat(e.serviceTier()).isEqualTo(ServiceTier.BATCH);
            assertThat(e.routingReason()).contains("batch:");
            assertThat(e.cost())
                    .isEqualTo(config.price(ModelRef.parse(e.model()), ServiceTier.BATCH)
                            .cost(e.usage()));
        });
        assertThat(entries.stream().map(LedgerEntry::cost).reduce(Money.ZERO, Money::plus))
                .isEqualTo(Money.usd(summary.path("cost").path("usd").asText()));
    }
}
