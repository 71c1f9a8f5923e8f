package dev.nightshift.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.app.TestRuns;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary of {@code nightshift run --json} from the status the sink gives for a real store. */
class RunSummaryTest {
    @TempDir
    Path dir;

    @Test
    void aTestRunsSummaryCarriesItsTestFiguresAndTheLedgersDollarsPerPassingTest() throws Exception {
        JsonNode status;
        Money ledgerDollars;
        long passed;
        try (SinkStore store = SinkStore.open(dir)) {
            TestRuns.write(store, "r-tests", true);
            SinkQueries queries = new SinkQueries(store, InstantSource.system());
            status = Json.mapper().valueToTree(queries.status("r-tests", null));
            AtomicReference<Money> sum = new AtomicReference<>(Money.ZERO);
            AtomicLong passes = new AtomicLong();
            queries.ledger("r-tests", null, e -> {
                sum.set(sum.get().plus(e.cost()));
                passes.addAndGet(e.verdict() == Verdict.PASSED ? 1 : 0);
            });
            ledgerDollars = sum.get();
            passed = passes.get();
        }

        ObjectNode summary = RunSummary.json("r-tests", status, Path.of("/out/r-tests"), true);

        assertThat(summary.path("tests").toString())
                .isEqualTo("{\"candidates\":4,\"passed\":2,\"noGain\":1,\"buildFailed\":1,"
                        + "\"failed\":0,\"flaky\":0,\"timeout\":0,\"sandboxViolation\":0,\"infrastructure\":0,\"repaired\":1,\"escalated\":0,"
                        + "\"coverage\":{\"linesTotal\":160,\"linesBefore\":70,\"linesAfter\":105,\"branchesTotal\":30,\"branchesBefore\":7,"
                        + "\"branchesAfter\":14}}");
        assertThat(summary.path("cost").path("usd").asText())
                .isEqualTo("0.0018")
                .isEqualTo(ledgerDollars.toPlainString());
        assertThat(summary.path("cost").path("perPassingTest").asText())
                .isEqualTo("0.0009")
                .isEqualTo(ledgerDollars
                        .toBigDecimal()
                        .divide(BigDecimal.valueOf(passed))
                        .toPlainString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary.print(new PrintStream(out, true, StandardCharsets.UTF_8), summary, 2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("tests: 2 passed of 4 candidates")
                .contains("$0.0009 per passing test")
                .contains("lines covered: 70 → 105 of 160");
    }

    @Test
    void aDocumentationRunsSummaryHasNoTestFiguresAndATestRunWithoutAPassHasNoCostPerPassingTest() throws Exception {
        JsonNode docs = Json.mapper().readTree("""
                {"runId":"r-docs","state":"completed","jobs":{"total":1,"succeeded":1},"cost":{"usd":"0.001","byModel":{}}}
                """);
        JsonNode noPass = Json.mapper().readTree("""
                {"runId":"r-t","state":"completed","jobs":{"total":1,"failed":1},"cost":{"usd":"0.001","byModel":{}},
                 "tests":{"candidates":1,"buildFailed":1,"coverage":{}}}
                """);

        ObjectNode docsSummary = RunSummary.json("r-docs", docs, Path.of("/out"), false);
        ObjectNode noPassSummary = RunSummary.json("r-t", noPass, Path.of("/out"), false);

        assertThat(docsSummary.has("tests")).isFalse();
        assertThat(docsSummary.path("cost").has("perPassingTest")).isFalse();
        assertThat(noPassSummary.path("tests").path("candidates").asLong()).isEqualTo(1);
        assertThat(noPassSummary.path("cost").path("perPassingTest").isNull()).isTrue();
    }

    @Test
    void aRerunServedFromTheCacheSaysHowManyJobsAndListsNoCacheModel() throws Exception {
        // Given a real store where one job was paid for and one answered from the artifact cache
        JsonNode status;
        try (SinkStore store = SinkStore.open(dir)) {
            Instant t0 = Instant.parse("2026-11-30T03:00:00Z");
            new BatchApplier(store, InstantSource.system())
                    .apply(List.of(
                            new Incoming.Plan(new RunPlanned(
                                    "r-again",
                                    "default",
                                    "/repos/demo",
                                    "c0ffee",
                                    TaskType.DOCS,
                                    List.of("j1", "j2"),
                                    100,
                                    List.of(),
                                    false,
                                    t0)),
                            new Incoming.Event(new AttemptResult(
                                    new JobRef(
                                            "r-again",
                                            "j1",
                                            "default",
                                            "/repos/demo",
                                            "c0ffee",
                                            TaskType.DOCS,
                                            "src/A.java",
                                            "java",
                                            false),
                                    1,
                                    "deepseek",
                                    "deepseek-chat",
                                    "rule",
                                    Outcome.SUCCEEDED,
                                    null,
                                    null,
                                    Usage.of(100, 0, 0, 10),
                                    Money.usd("0.0001"),
                                    "prices-1",
                                    100,
                                    t0,
                                    t0,
                                    "stop",
                                    "# doc\n",
                                    true)),
                            new Incoming.Event(new ServedFromCache(
                                    new JobRef(
                                            "r-again",
                                            "j2",
                                            "default",
                                            "/repos/demo",
                                            "c0ffee",
                                            TaskType.DOCS,
                                            "src/B.java",
                                            "java",
                                            false),
                                    t0,
                                    null,
                                    null))));
            status = Json.mapper().valueToTree(new SinkQueries(store, InstantSource.system()).status("r-again", null));
        }

        // When the run's summary is made and printed
        ObjectNode summary = RunSummary.json("r-again", status, Path.of("/out"), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary.print(new PrintStream(out, true, StandardCharsets.UTF_8), summary, 2);

        // Then it counts the cached job, and the cost by model has the one model that was paid
        assertThat(summary.path("jobs").path("cached").asLong()).isEqualTo(1);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("  1 jobs served from cache").contains("deepseek/deepseek-chat");
        assertThat(printed.lines().filter(l -> l.startsWith("    ")))
                .singleElement()
                .asString()
                .contains("deepseek/deepseek-chat");
        assertThat(printed).doesNotContainPattern("(?m)^\\s+cache\\b");
    }

    @Test
    void aDocumentationRunsSummaryCarriesItsReviewFigures() {
        JsonNode docs = Json.mapper()
                .valueToTree(java.util.Map.of(
                        "jobs",
                        java.util.Map.of("total", 9, "succeeded", 9),
                        "cost",
                        java.util.Map.of("usd", "0.002", "byModel", java.util.Map.of()),
                        "docs",
                        new dev.nightshift.sinkapi.run.DocsTotals(6, 2, 1, 8, 1, 0, 1, 3, 2)));

        ObjectNode summary = RunSummary.json("r-docs", docs, Path.of("/out"), true);

        assertThat(summary.path("docs").toString())
                .isEqualTo("{\"files\":6,\"folders\":2,\"architecture\":1,\"complete\":8,"
                        + "\"incomplete\":1,\"unknownNames\":0,\"truncated\":1,\"continued\":3,\"repaired\":2}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunSummary.print(new PrintStream(out, true, StandardCharsets.UTF_8), summary, 9);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "documents: 6 files, 2 folders, 1 architecture; 8 complete,"
                                + " 1 incomplete, 0 unknown names; 3 replies continued, 1 cut and escalated, 2 repaired after review");
    }
}
