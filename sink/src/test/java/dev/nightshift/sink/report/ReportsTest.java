package dev.nightshift.sink.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.ValidatedRun;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.eval.EvaluationReport;
import dev.nightshift.sink.eval.EvaluationSummary;
import dev.nightshift.sink.eval.ModelLanguageFigures;
import dev.nightshift.sink.query.NotFoundException;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.report.ReportMark;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"nightshift-report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern REMOTE_REFERENCE =
            Pattern.compile("(?i)\\b(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");
    private static final String HOSTILE = "</script><script>alert(1)</script>";

    @TempDir
    Path dir;

    SinkStore store;
    BatchApplier applier;
    Reports reports;

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
        SinkQueries queries = new SinkQueries(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
        reports = new Reports(queries, new EvaluationQueries(store));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTestRunsPageDrawsEveryChartAndListsItsFailedJobWithTheValidatorsDiagnostics() throws Exception {
        String runId = Fixtures.newRunId();
        List<Incoming> records = new ArrayList<>(ValidatedRun.records(runId));
        records.set(0, new Incoming.Plan(ValidatedRun.plan(runId).withEstimate(Money.usd("0.002"))));
        records.forEach(r -> applier.apply(List.of(r)));

        String html = reports.run(runId, null);

        assertThat(charts(html))
                .containsExactlyInAnyOrder(
                        "cost-by-model",
                        "cost-by-task",
                        "cost-by-language",
                        "pass-rate",
                        "cost-per-pass",
                        "timeline",
                        "estimate");
        assertThat(html)
                .contains("<canvas id=\"chart-pass-rate\"")
                .contains("Chart.js v" + ChartLibrary.get().version())
                .contains("id=\"simulated\"")
                .contains("$0.002")
                .contains("$" + ValidatedRun.TOTAL_USD)
                .contains("143.5% of the estimate");
        // j4 ended failed: its row names the unit, the verdict and the validator's whole diagnostics
        assertThat(row(html, "failed-jobs", "j4"))
                .contains("src/c.py")
                .contains("failed")
                .contains("timeout: test_c ran past 60 s")
                .contains("attempt 2 · deepseek/deepseek-chat · INVALID_OUTPUT: no code block");
        assertThat(html).doesNotContain("data-key=\"j1\"");
        // infrastructure verdicts count against no model: deepseek's Python cell judged one test (the timeout)
        assertThat(row(html, "pass-table", null, "deepseek/deepseek-chat</td><td>python"))
                .contains("<td class=\"num\">1</td>");
        JsonNode passRate = chart(html, "pass-rate");
        assertThat(passRate.path("labels").toString()).isEqualTo("[\"deepseek/deepseek-chat\",\"qwen/qwen2.5-coder\"]");
        assertThat(passRate.path("series").get(0).path("label").asText()).isEqualTo("java");
        assertThat(passRate.path("series").get(0).path("data").get(0).asDouble())
                .isEqualTo(0.2);
        assertThat(passRate.path("series").get(0).path("data").get(1).asDouble())
                .isEqualTo(1.0);
        JsonNode timeline = chart(html, "timeline");
        JsonNode jobsDone = timeline.path("series").get(0).path("data");
        assertThat(jobsDone.get(jobsDone.size() - 1).path("y").asDouble())
                .as("every job ended")
                .isEqualTo(4.0);
    }

    @Test
    void callsOfUnknownOutcomeAreShownApartFromTheCostWithTheMostTheyCanCost() {
        String runId = Fixtures.newRunId();
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(runId, "default", List.of("j1", "j2"))),
                new Incoming.Call(new CallStarted(
                        runId,
                        "j1",
                        1,
                        1,
                        "call-1",
                        "gemini",
                        "gemini-1.5-flash",
                        Fixtures.T0,
                        4_000,
                        1_000,
                        Money.usd("0.0042"),
                        true))));

        String html = reports.run(runId, null);

        assertThat(html)
                .contains("Outcome unknown")
                .contains("at most $0.0042")
                .contains("1 call(s) no answer booked; the provider may have billed them");
        assertThat(reports.run(otherRunWithoutOpenCalls(), null)).doesNotContain("Outcome unknown");
    }

    @Test
    void aRunWithCallsInProviderBatchesSplitsItsCostByServiceTier() throws Exception {
        String runId = Fixtures.newRunId();
        AttemptResult sync = Fixtures.success(runId, "j1", 1, "src/A.java", Usage.of(1_000, 0, 0, 500));
        AttemptResult batch = Fixtures.success(runId, "j2", 1, "src/B.java", Usage.of(2_000, 0, 0, 700))
                .onTier(ServiceTier.BATCH);
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(runId, "default", List.of("j1", "j2"))),
                new Incoming.Event(sync),
                new Incoming.Event(batch)));

        String html = reports.run(runId, null);

        assertThat(charts(html)).contains("cost-by-tier");
        assertThat(chart(html, "cost-by-tier").path("labels").toString()).isEqualTo("[\"batch\",\"standard\"]");
        assertThat(row(html, "cost-by-tier-table", null, "batch")).contains(Format.money(batch.cost()));
        String syncOnly = Fixtures.newRunId();
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(syncOnly, "default", List.of("j1"))),
                new Incoming.Event(Fixtures.success(syncOnly, "j1", 1, "src/A.java", Usage.of(1_000, 0, 0, 500)))));
        assertThat(charts(reports.run(syncOnly, null))).isNotEmpty().doesNotContain("cost-by-tier");
    }

    private String otherRunWithoutOpenCalls() {
        String runId = Fixtures.newRunId();
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan(runId, "default", List.of("j1")))));
        return runId;
    }

    @Test
    void theEstimateIsStoredWithTheRunFromItsPlan() {
        String runId = Fixtures.newRunId();
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(runId, "default", List.of("j1")).withEstimate(Money.usd("0.0123")))));
        String other = Fixtures.newRunId();
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan(other, "default", List.of("j1")))));
        SinkQueries queries = new SinkQueries(store, InstantSource.system());

        assertThat(queries.estimate(runId)).contains(Money.usd("0.0123"));
        assertThat(queries.estimate(other)).isEmpty();
    }

    @Test
    void anEmptyRunSaysSoInsteadOfDrawingEmptyChartsAndLeavesTheLibraryOut() {
        String runId = Fixtures.newRunId();
        applier.apply(List.of(new Incoming.Plan(new RunPlanned(
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                List.of("j1", "j2"),
                100,
                List.of(),
                false,
                Fixtures.T0))));

        String html = reports.run(runId, null);

        assertThat(html)
                .doesNotContain("<canvas")
                .doesNotContain("nightshift-report-data")
                .doesNotContain("Chart.js v")
                .doesNotContain("id=\"simulated\"");
        assertThat(html)
                .contains("No attempt has cost anything yet.")
                .contains("No attempt is in the ledger yet.")
                .contains("No document has been reviewed yet.")
                .contains("No document has been accepted yet.")
                .contains("No attempt has finished yet.")
                .contains("No estimate was recorded for this run")
                .contains("id=\"no-failed-jobs\"")
                .contains("id=\"no-skipped-files\"");
        assertThat(html).contains("data-empty-chart=\"cost-by-model\"").contains("data-empty-chart=\"timeline\"");
    }

    @Test
    void dataFromTheRunIsEscapedInTheMarkupAndCannotLeaveTheDataScript() throws Exception {
        String runId = Fixtures.newRunId();
        String unit = "src/" + HOSTILE + ".py";
        String language = "py" + HOSTILE;
        String reason = "reply was <b>bold</b> & \"quoted\" " + HOSTILE;
        applier.apply(List.of(new Incoming.Plan(new RunPlanned(
                runId,
                "default",
                "/repos/<i>demo</i>",
                "c0ffee",
                TaskType.DOCS,
                List.of("j1", "j2"),
                100,
                List.of(new RunPlanned.SkippedFile("<img src=x onerror=alert(1)>.png", "binary & 'odd'")),
                true,
                Fixtures.T0))));
        applier.apply(List.of(new Incoming.Event(
                withLanguage(Fixtures.success(runId, "j1", 1, unit, Usage.of(100, 0, 0, 10)), language))));
        applier.apply(List.of(new Incoming.Event(failure(runId, "j2", unit, language, reason))));

        String html = reports.run(runId, null);

        assertThat(html)
                .doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x")
                .doesNotContain("<b>bold</b>")
                .doesNotContain("<i>demo</i>");
        assertThat(html)
                .contains("&lt;img src=x onerror=alert(1)&gt;.png")
                .contains("binary &amp; &#39;odd&#39;")
                .contains("reply was &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &lt;/script&gt;")
                .contains("/repos/&lt;i&gt;demo&lt;/i&gt;");
        // the only ends of script elements are the page's own three (data, library, chart script)
        assertThat(count(html, "</script>")).isEqualTo(3);
        assertThat(count(html.toLowerCase(java.util.Locale.ROOT), "<script")).isEqualTo(3);
        Matcher data = DATA.matcher(html);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        JsonNode parsed = Json.mapper().readTree(data.group(1));
        assertThat(parsed.toString()).contains(Json.mapper().writeValueAsString(language));
        assertThat(row(html, "failed-jobs", "j2")).contains("INVALID_OUTPUT");
    }

    @Test
    void scriptJsonKeepsTheValueAndHoldsNothingThatEndsAScript() throws Exception {
        String hostile = "</SCRIPT><!-- & > \u2028\u2029 </script";

        String json = ScriptJson.of(Map.of("s", hostile));

        assertThat(json)
                .doesNotContain("<")
                .doesNotContain(">")
                .doesNotContain("&")
                .doesNotContain("\u2028")
                .doesNotContain("\u2029");
        assertThat(Json.mapper().readTree(json).path("s").asText()).isEqualTo(hostile);
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertThat(Html.text("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.pathSegment("r-1 \"x\"/y")).isEqualTo("r-1%20%22x%22%2Fy");
    }

    @Test
    void theChartLibraryIsInlinedWithoutSourceMapOrNetworkReferences() {
        String runId = Fixtures.newRunId();
        ValidatedRun.records(runId).forEach(r -> applier.apply(List.of(r)));

        String html = reports.run(runId, null);
        String library = ChartLibrary.get().script();

        assertThat(library).contains("Chart.js v").doesNotContain("sourceMappingURL");
        assertThat(library.toLowerCase(java.util.Locale.ROOT)).doesNotContain("</script");
        assertThat(html).contains(library);
        assertThat(REMOTE_REFERENCE.matcher(html).find())
                .as("a src, href or action that reaches a network")
                .isFalse();
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
        assertThat(ReportMark.isReport(html)).isTrue();
    }

    @Test
    void anUnknownOrAnotherTenantsRunIsNotFound() {
        String runId = Fixtures.newRunId();
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan(runId, "acme", List.of("j1")))));

        assertThatThrownBy(() -> reports.run("r-nope", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("r-nope");
        assertThatThrownBy(() -> reports.run(runId, "globex")).isInstanceOf(NotFoundException.class);
        assertThat(reports.run(runId, "acme")).contains("Run " + runId);
        assertThatThrownBy(() -> reports.evaluation("e-nope", null))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("e-nope");
    }

    @Test
    void theIndexListsRunsNewestFirstAndLinksTheirPages() {
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan("r-20261130-a", "acme", List.of("j1")))));
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan("r-20261130-b", "acme", List.of("j1")))));
        applier.apply(List.of(new Incoming.Plan(Fixtures.plan("r-20261130-c", "globex", List.of("j1")))));

        String html = reports.index("acme");

        assertThat(html)
                .contains("<a href=\"/report/runs/r-20261130-b\">")
                .doesNotContain("r-20261130-c")
                .contains("No evaluation yet.");
        assertThat(html.indexOf("r-20261130-b")).isLessThan(html.indexOf("r-20261130-a"));
        assertThat(html).doesNotContain("<canvas").doesNotContain("nightshift-report-data");
    }

    @Test
    void anEvaluationPageDrawsIntervalsAndCostPerPassAndTabulatesEveryFigure() throws Exception {
        EvaluationSummary summary = new EvaluationSummary(
                "e-1",
                "default",
                "/repos/demo",
                "c0ffee123456789",
                TaskType.TESTS,
                20,
                7,
                List.of(
                        new EvaluationSummary.Arm("deepseek/deepseek-chat", "r-a", true),
                        new EvaluationSummary.Arm("openai/gpt-4o-mini", "r-b", true)),
                Fixtures.T0,
                true);
        EvaluationReport report = new EvaluationReport(
                summary,
                List.of(
                        figures("deepseek/deepseek-chat", "java", 10, 6, "0.006"),
                        figures("deepseek/deepseek-chat", EvaluationReport.ALL_LANGUAGES, 10, 6, "0.006"),
                        figures("openai/gpt-4o-mini", "java", 10, 0, "0.01"),
                        figures("openai/gpt-4o-mini", EvaluationReport.ALL_LANGUAGES, 10, 0, "0.01")));

        String html = new EvaluationPage(report).render();

        assertThat(charts(html)).containsExactlyInAnyOrder("eval-pass-rate", "eval-cost-vs-pass");
        JsonNode interval = chart(html, "eval-pass-rate");
        assertThat(interval.path("labels").get(0).asText()).isEqualTo("deepseek/deepseek-chat · java");
        assertThat(interval.path("series").get(0).path("data").get(0).toString())
                .isEqualTo("[0.3,0.85]");
        JsonNode scatter = chart(html, "eval-cost-vs-pass");
        assertThat(scatter.path("series")).hasSize(1);
        assertThat(scatter.path("series").get(0).path("label").asText()).isEqualTo("deepseek/deepseek-chat");
        assertThat(html).contains("30.0% – 85.0%").contains("$0.001").contains("<a href=\"/report/runs/r-a\">");
    }

    private static ModelLanguageFigures figures(String model, String language, long units, long passed, String usd) {
        Money cost = Money.usd(usd);
        return new ModelLanguageFigures(
                model,
                language,
                units,
                passed,
                (double) passed / units,
                passed == 0 ? 0.0 : 0.3,
                passed == 0 ? 0.28 : 0.85,
                passed * 5L,
                passed,
                cost,
                passed == 0 ? null : Money.usd("0.001"),
                units + 2,
                900,
                950.5,
                passed == 0 ? 0 : 0.5);
    }

    private static AttemptResult withLanguage(AttemptResult r, String language) {
        return new AttemptResult(
                new JobRef(
                        r.runId(),
                        r.jobId(),
                        r.tenant(),
                        r.repository(),
                        r.commit(),
                        r.task(),
                        r.unitPath(),
                        language,
                        r.simulated()),
                r.attempt(),
                r.provider(),
                r.model(),
                r.routingReason(),
                r.outcome(),
                r.failureClass(),
                r.failureReason(),
                r.usage(),
                r.cost(),
                r.priceTableVersion(),
                r.latencyMs(),
                r.startedAt(),
                r.finishedAt(),
                r.finishReason(),
                r.artifact(),
                r.terminal());
    }

    private static AttemptResult failure(String runId, String jobId, String unit, String language, String reason) {
        return new AttemptResult(
                new JobRef(runId, jobId, "default", "/repos/demo", "c0ffee", TaskType.DOCS, unit, language, true),
                1,
                "deepseek",
                "deepseek-chat",
                "docs rule",
                Outcome.FAILED,
                FailureClass.INVALID_OUTPUT,
                reason,
                Usage.of(100, 0, 0, 10),
                Money.usd("0.00002"),
                "prices-1",
                400,
                Fixtures.T0,
                Fixtures.T0.plusMillis(400),
                "stop",
                null,
                true);
    }

    /** The ids of the charts the page draws, from its data block. */
    private static List<String> charts(String html) throws Exception {
        List<String> ids = new ArrayList<>();
        data(html).path("charts").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static JsonNode chart(String html, String id) throws Exception {
        for (JsonNode c : data(html).path("charts")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    private static JsonNode data(String html) throws Exception {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the page's data block").isTrue();
        return Json.mapper().readTree(m.group(1));
    }

    /** The row of a table whose key is {@code key}, or (with a null key) the first row containing {@code text}. */
    private static String row(String html, String table, String key, String... text) {
        int start = html.indexOf("<table id=\"" + table + "\">");
        assertThat(start).as("table " + table).isNotNegative();
        String body = html.substring(start, html.indexOf("</table>", start));
        for (String r : body.split("</tr>")) {
            if (key != null ? r.contains("data-key=\"" + key + "\"") : r.contains(text[0])) {
                return r;
            }
        }
        throw new AssertionError("no row " + (key != null ? key : text[0]) + " in table " + table);
    }

    private static String row(String html, String table, String key) {
        return row(html, table, key, new String[0]);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
