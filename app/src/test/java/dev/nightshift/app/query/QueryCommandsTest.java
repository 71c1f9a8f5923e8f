package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query commands' input checks and their answers when the sink cannot be read; no broker needed. */
class QueryCommandsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("NIGHTSHIFT_HOME", home.toString());
    }

    @Test
    void aCostTableShowsEveryGroupAndTheTotalWithExactDollars() {
        // Given a report of two models, one with a billed failure
        CostReport report = new CostReport(
                Dimension.MODEL,
                new CostQuery(Dimension.MODEL, null, null, null, null, null, null, null, null),
                "aggregates",
                List.of(
                        new CostReport.Row("deepseek/deepseek-chat", 1, 1, 1, 1000, 0, 0, 100, Money.usd("0.000182")),
                        new CostReport.Row(
                                "gemini/gemini-1.5-flash", 2, 0, 0, 3000, 500, 0, 600, Money.usd("0.0019675"))),
                new CostReport.Row("total", 3, 1, 1, 4000, 500, 0, 700, Money.usd("0.0021495")));

        // When it is rendered
        List<String> lines = CostTable.render(report).lines().toList();

        // Then a header, one row per model and the total, figures right-aligned and never rounded
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly(
                        "MODEL",
                        "ATTEMPTS",
                        "FAILED",
                        "BILLED FAILED",
                        "UNCACHED IN",
                        "CACHE READ",
                        "CACHE WRITE",
                        "OUTPUT",
                        "USD");
        assertThat(lines.get(1).split("\\s+"))
                .containsExactly("deepseek/deepseek-chat", "1", "1", "1", "1000", "0", "0", "100", "0.000182");
        assertThat(lines.get(2).split("\\s+"))
                .containsExactly("gemini/gemini-1.5-flash", "2", "0", "0", "3000", "500", "0", "600", "0.0019675");
        assertThat(lines.get(3).split("\\s+"))
                .containsExactly("total", "3", "1", "1", "4000", "500", "0", "700", "0.0021495");
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void withoutAnyRunInTheHomeTheCommandSaysSoAndSuggestsRunOrSink() {
        QueryCli r = QueryCli.of(env(), "cost");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("error: no sink store in " + home.resolve("sink"))
                .contains("nightshift run")
                .contains("--sink URL");
    }

    @Test
    void whileARunningNightshiftHoldsTheStoreTheCommandsReadItAlongside() {
        // Given the local store held open and written, as a running 'nightshift run' holds it
        try (SinkStore held = SinkStore.open(home.resolve("sink"))) {
            BatchApplier writer = new BatchApplier(held, InstantSource.system());
            writer.apply(List.of(
                    new Incoming.Plan(new RunPlanned(
                            "r-held",
                            "default",
                            "/repos/demo",
                            "c0ffee",
                            TaskType.DOCS,
                            List.of("j1", "j2"),
                            100,
                            List.of(),
                            true,
                            T0)),
                    new Incoming.Event(attempt("r-held", "j1", Outcome.FAILED, "0.000042")),
                    new Incoming.Event(attempt("r-held", "j2", Outcome.SUCCEEDED, "0.0001"))));

            // When each read-only command asks
            QueryCli cost = QueryCli.of(env(), "cost", "--run", "r-held", "--by", "total", "--json");
            QueryCli ledger = QueryCli.of(env(), "ledger", "--run", "r-held", "--format", "csv");
            QueryCli status = QueryCli.of(env(), "status", "r-held");
            QueryCli runs = QueryCli.of(env(), "status");

            // Then they answer from the store the writer still holds
            assertThat(cost.exitCode()).as(cost.err()).isZero();
            assertThat(cost.out()).contains("\"usd\":\"0.000142\"");
            assertThat(ledger.exitCode()).as(ledger.err()).isZero();
            assertThat(ledger.outLines())
                    .hasSize(3)
                    .anySatisfy(l -> assertThat(l).contains("j1").contains("FAILED"));
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out())
                    .contains("run r-held: running, 1/2 jobs done (1 succeeded, 0 failed")
                    .contains("$0.000142");
            assertThat(runs.outLines()).singleElement().asString().startsWith("r-held  running");

            // and a later command sees what the writer has written since
            writer.apply(List.of(new Incoming.Event(attempt("r-held", "j1", Outcome.SUCCEEDED, "0.0001"))));
            assertThat(QueryCli.of(env(), "status", "r-held").out()).contains("run r-held: completed, 2/2 jobs done");
        }
    }

    @Test
    void statusOfAnUnknownRunInTheLocalStoreIsBadInput() {
        SinkStore.open(home.resolve("sink")).close();

        QueryCli r = QueryCli.of(env(), "status", "r-nope");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("error: no run 'r-nope' in the local store");
    }

    /** A terminal attempt of one job, billed; a failure is the billed-failure kind (the reply was unusable). */
    @Test
    void callsNotBookedAreUnderWayWhileTheRunGoesOnAndOfUnknownOutcomeOnceItEnded() {
        // Given a run of two jobs, one answered, whose other job had a call cut off before a second call answered it
        try (SinkStore held = SinkStore.open(home.resolve("sink"))) {
            BatchApplier writer = new BatchApplier(held, InstantSource.system());
            writer.apply(List.of(
                    new Incoming.Plan(new RunPlanned(
                            "r-calls",
                            "default",
                            "/repos/demo",
                            "c0ffee",
                            TaskType.DOCS,
                            List.of("j1", "j2"),
                            100,
                            List.of(),
                            true,
                            T0)),
                    new Incoming.Event(attempt("r-calls", "j1", Outcome.SUCCEEDED, "0.0001")),
                    new Incoming.Call(new CallStarted(
                            "r-calls",
                            "j2",
                            2,
                            1,
                            "cut-off",
                            "deepseek",
                            "deepseek-chat",
                            T0,
                            300,
                            100,
                            Money.usd("0.00009"),
                            true))));

            // When the run is still going, its call is under way
            assertThat(QueryCli.of(env(), "status", "r-calls").out())
                    .contains("1 call under way or cut off, not booked yet: up to $0.00009 more");

            // and once the job was answered by another call and the run completed, the first one's outcome is unknown
            writer.apply(List.of(
                    new Incoming.Call(new CallStarted(
                            "r-calls",
                            "j2",
                            2,
                            2,
                            "answered",
                            "deepseek",
                            "deepseek-chat",
                            T0,
                            300,
                            100,
                            Money.usd("0.00009"),
                            true)),
                    new Incoming.Event(attempt("r-calls", "j2", Outcome.SUCCEEDED, "0.0001"))));
            QueryCli status = QueryCli.of(env(), "status", "r-calls");
            assertThat(status.out())
                    .contains("completed")
                    .contains("1 call of unknown outcome")
                    .contains("the provider may have billed up to $0.00009 more");
            assertThat(QueryCli.of(env(), "cost", "--run", "r-calls").out()).contains("1 call of unknown outcome");
            assertThat(QueryCli.of(env(), "cost", "--run", "r-calls", "--json").out())
                    .contains("\"outcomeUnknown\":{\"calls\":1");
        }
    }

    private static AttemptResult attempt(String run, String job, Outcome outcome, String usd) {
        boolean failed = outcome == Outcome.FAILED;
        return new AttemptResult(
                new JobRef(
                        run,
                        job,
                        "default",
                        "/repos/demo",
                        "c0ffee",
                        TaskType.DOCS,
                        "src/" + job + ".java",
                        "java",
                        true),
                failed ? 1 : 2,
                "deepseek",
                "deepseek-chat",
                "rule",
                outcome,
                failed ? FailureClass.INVALID_OUTPUT : null,
                failed ? "no document in reply" : null,
                Usage.of(100, 0, 0, 10),
                Money.usd(usd),
                "prices-1",
                100,
                T0,
                T0.plusMillis(100),
                "stop",
                failed ? null : "# doc\n",
                !failed);
    }

    @Test
    void anUnknownRunInTheLocalStoreIsBadInputNamingTheRun() {
        SinkStore.open(home.resolve("sink")).close();

        QueryCli cost = QueryCli.of(env(), "cost", "--run", "r-nope");
        QueryCli ledger = QueryCli.of(env(), "ledger", "--run", "r-nope");
        QueryCli export = QueryCli.of(
                env(), "export", "r-nope", "--to", home.resolve("out").toString());

        for (QueryCli r : List.of(cost, ledger, export)) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errLines())
                    .singleElement()
                    .asString()
                    .startsWith("error: no run 'r-nope' in the local store")
                    .contains("nightshift status");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aSinkThatDoesNotAnswerFailsInOneLineNamingItsUrl() {
        QueryCli r = QueryCli.of(env(), "cost", "--run", "r1", "--sink", "http://127.0.0.1:1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .contains("http://127.0.0.1:1")
                .contains("check that it runs");
    }

    @Test
    void theSinkUrlMayComeFromTheEnvironment() {
        QueryCli r = QueryCli.of(
                Map.of("NIGHTSHIFT_HOME", home.toString(), "NIGHTSHIFT_SINK_URL", "http://127.0.0.1:1"),
                "ledger",
                "--run",
                "r1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("http://127.0.0.1:1");
    }

    @Test
    void badFlagsAreOneLineEachWithExitCode2() {
        Map<String, List<String>> cases = Map.of(
                "--by 'colour'", List.of("cost", "--by", "colour"),
                "--from '2026-13-01' is not a day", List.of("cost", "--from", "2026-13-01"),
                "--to 2026-11-01 is before --from 2026-11-30",
                        List.of("cost", "--from", "2026-11-30", "--to", "2026-11-01"),
                "--run", List.of("ledger"),
                "csv, jsonl", List.of("ledger", "--run", "r1", "--format", "xml"),
                "say where to export run r1: --to DIR, --branch NAME or --patch FILE", List.of("export", "r1"),
                "give only one place to export to", List.of("export", "r1", "--to", "x", "--patch", "y.patch"),
                "not an http(s) URL", List.of("cost", "--sink", "localhost:8480"),
                "--repo goes with --branch or --patch", List.of("export", "r1", "--to", "x", "--repo", "y"));
        cases.forEach((expected, args) -> {
            QueryCli r = QueryCli.of(env(), args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines())
                    .as(String.join(" ", args))
                    .singleElement()
                    .asString()
                    .startsWith("error: ")
                    .contains(expected);
        });
    }

    @Test
    void aTestRunsCostStatusLedgerAndExportShowWhatTheValidatorMadeOfIt() throws Exception {
        // Given a validated test run in the local store (see TestRuns)
        try (SinkStore store = SinkStore.open(home.resolve("sink"))) {
            dev.nightshift.app.TestRuns.write(store, "r-tests", false);
        }

        // When the read-only commands ask about it
        QueryCli byModel = QueryCli.of(env(), "cost", "--run", "r-tests", "--by", "model", "--per-passing-test");
        QueryCli byLanguage =
                QueryCli.of(env(), "cost", "--run", "r-tests", "--by", "language", "--per-passing-test", "--json");
        QueryCli status = QueryCli.of(env(), "status", "r-tests");
        QueryCli statusJson = QueryCli.of(env(), "status", "r-tests", "--json");
        QueryCli ledger = QueryCli.of(env(), "ledger", "--run", "r-tests", "--format", "csv");
        Path passing = home.resolve("passing");
        Path all = home.resolve("all");
        QueryCli export = QueryCli.of(env(), "export", "r-tests", "--to", passing.toString());
        QueryCli exportAll = QueryCli.of(env(), "export", "r-tests", "--to", all.toString(), "--all");

        // Then cost per passing test is each model's dollars over the tests it delivered, the total the run's
        assertThat(byModel.exitCode()).as(byModel.err()).isZero();
        assertThat(byModel.outLines().get(0).split("\\s{2,}")).endsWith("USD", "PASSED", "USD/PASSING TEST");
        assertThat(byModel.outLines().get(1).split("\\s+"))
                .startsWith("deepseek/deepseek-chat")
                .endsWith("0.0008", "1", "0.0008");
        assertThat(byModel.outLines().get(2).split("\\s+"))
                .startsWith("qwen/qwen2.5-coder")
                .endsWith("0.001", "1", "0.001");
        assertThat(byModel.outLines().get(3).split("\\s+")).startsWith("total").endsWith("0.0018", "2", "0.0009");
        JsonNode language = Json.mapper().readTree(byLanguage.out());
        assertThat(language.path("groups").get(0).path("key").asText()).isEqualTo("java");
        assertThat(language.path("groups").get(0).path("passed").asLong()).isEqualTo(2);
        assertThat(language.path("groups").get(0).path("perPassingTest").asText())
                .isEqualTo("0.0009");
        // the status carries the test figures, in one line and as JSON
        assertThat(status.out())
                .contains("run r-tests: completed, 3/3 jobs done")
                .contains(
                        "tests: 2 passed of 4 candidates (1 no gain, 1 repaired, 0 escalated), $0.0009 per passing test");
        JsonNode tests = Json.mapper().readTree(statusJson.out()).path("tests");
        assertThat(tests.path("candidates").asLong()).isEqualTo(4);
        assertThat(tests.path("buildFailed").asLong()).isEqualTo(1);
        assertThat(tests.path("repaired").asLong()).isEqualTo(1);
        assertThat(tests.path("coverage").path("linesBefore").asLong()).isEqualTo(70);
        assertThat(tests.path("coverage").path("linesAfter").asLong()).isEqualTo(105);
        assertThat(Json.mapper()
                        .readTree(statusJson.out())
                        .path("cost")
                        .path("perPassingTest")
                        .asText())
                .isEqualTo("0.0009");
        // the ledger has a verdict and the gains of each validated attempt
        String documentColumns =
                ",docLevel,docComplete,docMissingSymbols,docUnknownNames,docMarkdownProblems,docTruncated,"
                        + "docContinuations,docChars,serviceTier";
        String noReview = ",,,,,,,,,standard";
        assertThat(ledger.outLines().get(0)).endsWith(",language,verdict,linesGained,branchesGained" + documentColumns);
        assertThat(ledger.outLines().get(1)).contains(",j1,").endsWith(",java,build-failed,0,0" + noReview);
        assertThat(ledger.outLines().get(2)).contains(",j1,").endsWith(",java,passed,15,4" + noReview);
        // export writes the passing tests, the split class as one file; --all adds the rejected one apart
        assertThat(export.outLines()).containsExactly("exported 2 artifacts of run r-tests to " + passing);
        assertThat(Files.readString(passing.resolve("src/test/java/a/BTest.java")))
                .isEqualTo(dev.nightshift.app.TestRuns.MERGED_B);
        assertThat(Files.readString(passing.resolve("src/test/java/a/ATest.java")))
                .isEqualTo(dev.nightshift.app.TestRuns.A_TEST);
        assertThat(passing.resolve("nightshift-rejected")).doesNotExist();
        assertThat(exportAll.outLines()).containsExactly("exported 4 artifacts of run r-tests to " + all);
        assertThat(Files.readString(all.resolve("nightshift-rejected/src/test/java/a/ATest.java")))
                .isEqualTo(dev.nightshift.app.TestRuns.A_BROKEN);
        assertThat(Files.readString(all.resolve("nightshift-rejected/src/test/java/a/ATest.java.diagnostics.txt")))
                .contains("build-failed")
                .contains("ATest.java:4: error: illegal start of type");
    }

    @Test
    void exportAndReportAnswerWithOneJsonDocumentOnStdoutWhenAskedTo() throws Exception {
        try (SinkStore store = SinkStore.open(home.resolve("sink"))) {
            dev.nightshift.app.TestRuns.write(store, "r-tests", false);
        }
        Path folder = home.resolve("exported");
        Path page = home.resolve("page.html");

        QueryCli export = QueryCli.of(env(), "export", "r-tests", "--to", folder.toString(), "-o", "json");
        QueryCli report = QueryCli.of(env(), "report", "r-tests", "--out", page.toString(), "-o", "json");

        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode exported = Json.mapper().readTree(export.out());
        assertThat(exported.path("runId").asText()).isEqualTo("r-tests");
        assertThat(exported.path("written")).hasSize(2);
        assertThat(export.err()).contains("exported 2 artifacts of run r-tests to " + folder);
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Json.mapper().readTree(report.out()).path("report").asText()).isEqualTo(page.toString());
        assertThat(page).exists();
    }

    @Test
    void aCostTableWithPerPassingTestAddsPassedAndDollarsPerPassingTestColumns() {
        CostReport report = new CostReport(
                Dimension.MODEL,
                new CostQuery(Dimension.MODEL, null, null, null, null, null, null, null, null),
                "aggregates",
                List.of(
                        new CostReport.Row(
                                "deepseek/deepseek-chat",
                                3,
                                1,
                                1,
                                1000,
                                0,
                                0,
                                100,
                                Money.usd("0.0008"),
                                1,
                                Money.usd("0.0008")),
                        new CostReport.Row(
                                "gemini/gemini-1.5-flash",
                                2,
                                0,
                                0,
                                3000,
                                500,
                                0,
                                600,
                                Money.usd("0.0019675"),
                                0,
                                null)),
                new CostReport.Row(
                        "total", 5, 1, 1, 4000, 500, 0, 700, Money.usd("0.0027675"), 1, Money.usd("0.0027675")));

        List<String> lines = CostTable.render(report, true).lines().toList();

        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly(
                        "MODEL",
                        "ATTEMPTS",
                        "FAILED",
                        "BILLED FAILED",
                        "UNCACHED IN",
                        "CACHE READ",
                        "CACHE WRITE",
                        "OUTPUT",
                        "USD",
                        "PASSED",
                        "USD/PASSING TEST");
        assertThat(lines.get(1).split("\\s+")).endsWith("0.0008", "1", "0.0008");
        assertThat(lines.get(2).split("\\s+")).as("no passing test: no figure").endsWith("0.0019675", "0", "-");
        assertThat(lines.get(3).split("\\s+")).endsWith("0.0027675", "1", "0.0027675");
        assertThat(CostTable.render(report).lines().findFirst().orElseThrow()).doesNotContain("PASSED");
    }
}
