package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.DocsConfig;
import dev.nightshift.core.config.JobsConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.MarkdownCheck;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies cut at the output limit, end to end: with file documents given 256 output tokens and two continuations, a
 * short document is finished by continuing it, a longer one is escalated with a larger budget — and no document ever
 * counts as delivered while cut.
 */
class DocsTruncationIT {
    private static final int BUDGET = 256;

    @TempDir
    static Path dir;

    static SimulatedPipeline harness;
    static SimulatorFixture simulator;
    static RunProbe probe;

    @BeforeAll
    static void startPipeline() {
        NightshiftConfig d = ConfigLoader.loadDefault(Map.of());
        NightshiftConfig tight = new NightshiftConfig(
                d.providers(),
                d.routing(),
                new JobsConfig(
                        Map.of(TaskType.DOCS, BUDGET, TaskType.TESTS, 4096),
                        d.jobs().promptVersion()),
                d.baseline(),
                d.ingest(),
                d.sink(),
                d.validation(),
                new DocsConfig(null, null, null, 2, null, BUDGET, null, null, null));
        harness = SimulatedPipeline.start(tight, dir.resolve("home"));
        simulator = harness.simulator;
        probe = harness.probe;
    }

    @AfterAll
    static void stopPipeline() {
        harness.close();
    }

    private static String functions(int n) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < n; i++) {
            code.append("def measure_")
                    .append(i)
                    .append("(sample, scale):\n    return sample * scale + ")
                    .append(i)
                    .append("\n\n");
        }
        return code.toString();
    }

    @Test
    void aCutReplyIsContinuedOrEscalatedAndNeverDeliveredWhileCut() {
        Path repo = dir.resolve("long-docs");
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            git.file("lib/short.py", functions(3))
                    .file("lib/long.py", functions(12))
                    .commit("two files");
        }

        RunPlanned run = probe.submit(repo, null, TaskType.DOCS);
        JsonNode status = probe.awaitCompleted(run.runId());

        List<JsonNode> ledger = probe.ledger(run.runId());
        List<JsonNode> shortFile = ledger.stream()
                .filter(e -> e.path("unitPath").asText().equals("lib/short.py"))
                .toList();
        assertThat(shortFile).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("SUCCEEDED");
            assertThat(e.path("docs").path("continuations").asInt()).isPositive();
            assertThat(e.path("docs").path("truncated").asBoolean()).isFalse();
        });
        List<JsonNode> longFile = ledger.stream()
                .filter(e -> e.path("unitPath").asText().equals("lib/long.py"))
                .toList();
        assertThat(longFile.get(0).path("failureClass").asText()).isEqualTo("OUTPUT_TRUNCATED");
        assertThat(longFile.get(0).path("docs").path("continuations").asInt()).isEqualTo(2);
        JsonNode delivered = longFile.get(longFile.size() - 1);
        assertThat(delivered.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(delivered.path("model").asText())
                .isNotEqualTo(longFile.get(0).path("model").asText());
        assertThat(delivered.path("routingReason").asText()).contains("escalation");
        assertThat(ledger)
                .filteredOn(e -> e.path("outcome").asText().equals("SUCCEEDED"))
                .allSatisfy(e ->
                        assertThat(e.path("docs").path("truncated").asBoolean()).isFalse());

        assertThat(status.path("jobs").path("succeeded").asInt())
                .isEqualTo(run.jobIds().size());
        assertThat(status.path("docs").path("truncated").asInt()).isPositive();
        assertThat(status.path("docs").path("continued").asInt()).isPositive();
        probe.artifactsByPath(run.runId())
                .forEach((path, doc) ->
                        assertThat(MarkdownCheck.problems(doc)).as(path).isEmpty());
        // Every call — first tries and continuations — is in the ledger at what the provider billed.
        Money ledgerTotal =
                ledger.stream().map(e -> Money.usd(e.path("cost").asText())).reduce(Money.ZERO, Money::plus);
        assertThat(ledgerTotal).isEqualTo(BillingLog.total(simulator.bill()));
    }
}
