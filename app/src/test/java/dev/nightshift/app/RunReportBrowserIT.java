package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.EvaluationSpec;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.report.Reports;
import dev.nightshift.sink.store.SinkStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A run's report as people see it, in a real headless Chromium. A documentation run of {@link SampleRepository} on
 * the simulator, with one job planted to fail (DeepSeek's content filter empties one reply, which is not retried):
 * the sink's page and the file {@code nightshift report} writes must draw every chart from data, list the planted
 * failure with its reason, and — the file — open with the browser's network off.
 */
class RunReportBrowserIT {
    private static final String ROUTING = """
            router:
              includeCoreRules: false
              rules:
                - {name: deepseek-then-openai, task: docs, models: [deepseek/deepseek-chat, openai/gpt-4o-mini]}
            """;
    private static final String[] RUN_CHARTS = {
        "cost-by-model", "cost-by-task", "cost-by-language", "pass-rate", "cost-per-pass", "timeline", "estimate"
    };
    private static final Pattern REMOTE_REFERENCE =
            Pattern.compile("(?i)\\b(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//");

    @TempDir
    static Path dir;

    static SimulatedRun run;
    static JsonNode plantedFailure;

    @BeforeAll
    static void runOnce() throws Exception {
        run = SimulatedRun.start(
                dir,
                s -> s.withProvider("deepseek", p -> p.withFault(FaultRule.times(Fault.CONTENT_FILTERED, 1))),
                ROUTING,
                "r-report-browser",
                "default");
        List<JsonNode> failed = new ArrayList<>();
        Json.mapper()
                .readTree(run.pipeline.sinkDocuments().getText("/runs/r-report-browser/jobs"))
                .forEach(j -> {
                    if ("FAILED".equalsIgnoreCase(j.path("state").asText())) {
                        failed.add(j);
                    }
                });
        assertThat(failed).as("the planted failure").hasSize(1);
        plantedFailure = failed.get(0);
        assertThat(plantedFailure.path("reason").asText()).isNotBlank();
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theSinkServesTheRunsReportWithEveryChartDrawnAndThePlantedFailureListed() throws Exception {
        String url = run.pipeline.sinkUrl() + "/report/runs/" + run.plan.runId();

        try (HeadlessChromium browser = HeadlessChromium.online()) {
            browser.open(url);

            browser.assertChartsDrawn(RUN_CHARTS);
            assertPlantedFailureListed(browser);
            assertThat(browser.driver().findElement(By.id("run")).getText())
                    .contains(run.plan.runId())
                    .contains(run.plan.commit().substring(0, 12));
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#skipped-files"))
                            .getText())
                    .contains(SampleRepository.BINARY);
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.screenshot("run-report-api")).isNotEmptyFile();
        }

        // status names where the report is: the sink's page, or locally the command that writes it
        CliRun remote = CliRun.of(env(), "status", run.plan.runId(), "--sink", run.pipeline.sinkUrl());
        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(remote.lastOutLine()).isEqualTo("report: " + url);
        CliRun local = CliRun.of(env(), "status", run.plan.runId());
        assertThat(local.lastOutLine()).startsWith("report: nightshift report " + run.plan.runId());
    }

    @Test
    void theReportFileIsTheSinksPageAndOpensAndDrawsWithTheNetworkOff() throws Exception {
        Path file = dir.resolve("reports").resolve("run.html");

        // the local store, read alongside the running pipeline that holds it
        CliRun report = CliRun.of(env(), "report", run.plan.runId(), "--out", file.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.lastOutLine()).isEqualTo(file.toString());
        String html = Files.readString(file);
        assertThat(html).isEqualTo(run.pipeline.sinkDocuments().getText("/report/runs/" + run.plan.runId()));
        assertThat(REMOTE_REFERENCE.matcher(html).find())
                .as("a src, href or action reaching a network")
                .isFalse();
        try (HeadlessChromium browser = HeadlessChromium.offline()) {
            assertThat(browser.reaches(run.pipeline.sinkUrl() + "/health/live"))
                    .as("the offline browser reaches the sink")
                    .isFalse();

            browser.open(file.toUri().toString());

            browser.assertChartsDrawn(RUN_CHARTS);
            assertPlantedFailureListed(browser);
            assertThat(browser.script("return performance.getEntriesByType('resource').length;"))
                    .isEqualTo(0L);
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.screenshot("run-report-file")).isNotEmptyFile();
        }
    }

    @Test
    void theRunWasPricedWhenPlannedAndItsReportSetsTheEstimateBesideTheCost() throws Exception {
        assertThat(run.plan.estimate()).as("LocalPipeline prices each plan").isNotNull();
        assertThat(run.plan.estimate().isZero()).isFalse();
        String html = run.pipeline.sinkDocuments().getText("/report/runs/" + run.plan.runId());

        assertThat(html).contains("Planned at " + run.plan.estimate().display()).contains("% of the estimate");
    }

    @Test
    void anEvaluationsReportDrawsPassRateIntervalsAndCostPerPass() throws Exception {
        Path html = dir.resolve("reports").resolve("evaluation.html");
        try (SinkStore store = SinkStore.open(dir.resolve("evaluation-store"))) {
            writeEvaluation(store);
            Files.createDirectories(html.getParent());
            Files.writeString(
                    html,
                    new Reports(new SinkQueries(store, InstantSource.system()), new EvaluationQueries(store))
                            .evaluation("e-browser", null));
        }

        try (HeadlessChromium browser = HeadlessChromium.offline()) {
            browser.open(html.toUri().toString());

            browser.assertChartsDrawn("eval-pass-rate", "eval-cost-vs-pass");
            assertThat(browser.driver().findElement(By.id("evaluation-table")).getText())
                    .contains("deepseek/deepseek-chat")
                    .contains("openai/gpt-4o-mini")
                    .contains("66.7%");
            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.screenshot("evaluation-report-file")).isNotEmptyFile();
        }
    }

    private static void assertPlantedFailureListed(HeadlessChromium browser) {
        String row = browser.driver()
                .findElement(By.cssSelector("#failed-jobs tr[data-key='"
                        + plantedFailure.path("jobId").asText() + "']"))
                .getText();
        assertThat(row)
                .contains(plantedFailure.path("unitPath").asText())
                .contains("failed")
                .contains(plantedFailure.path("reason").asText());
    }

    private static Map<String, String> env() {
        return Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString());
    }

    /** Two arms of three documents each: DeepSeek delivers two, GPT-4o mini one. */
    private static void writeEvaluation(SinkStore store) {
        Instant t0 = Instant.parse("2026-11-30T03:00:00Z");
        BatchApplier applier = new BatchApplier(store, InstantSource.fixed(t0.plusSeconds(60)));
        String[][] arms = {
            {"r-eval-deepseek", "deepseek", "deepseek-chat", "2"}, {"r-eval-openai", "openai", "gpt-4o-mini", "1"}
        };
        for (String[] arm : arms) {
            String runId = arm[0];
            List<String> jobs = List.of("j1", "j2", "j3");
            applier.apply(List.of(new Incoming.Plan(new RunPlanned(
                    runId,
                    "default",
                    "/repos/demo",
                    "c0ffee",
                    TaskType.DOCS,
                    jobs,
                    300,
                    List.of(),
                    true,
                    t0,
                    null,
                    null,
                    new EvaluationSpec("e-browser", new ModelRef(arm[1], arm[2]), 3, 7)))));
            int delivered = Integer.parseInt(arm[3]);
            for (int i = 0; i < jobs.size(); i++) {
                boolean ok = i < delivered;
                applier.apply(List.of(new Incoming.Event(new AttemptResult(
                        new JobRef(
                                runId,
                                jobs.get(i),
                                "default",
                                "/repos/demo",
                                "c0ffee",
                                TaskType.DOCS,
                                "src/f" + i + ".py",
                                "python",
                                true),
                        1,
                        arm[1],
                        arm[2],
                        "evaluation",
                        ok ? Outcome.SUCCEEDED : Outcome.FAILED,
                        ok ? null : FailureClass.INVALID_OUTPUT,
                        ok ? null : "no document in the reply",
                        Usage.of(1000, 0, 0, 200),
                        Money.usd(arm[1].equals("deepseek") ? "0.0002" : "0.0006"),
                        "prices-1",
                        900 + 100L * i,
                        t0.plusSeconds(i),
                        t0.plusSeconds(i + 1),
                        "stop",
                        ok ? "# f" + i + "\n\nDoes things.\n" : null,
                        true))));
            }
        }
    }
}
