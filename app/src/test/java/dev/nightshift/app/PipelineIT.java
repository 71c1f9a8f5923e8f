package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.estimate.RunEstimator;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.metrics.Telemetry;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.router.estimate.Estimate;
import dev.nightshift.testkit.KafkaTestBroker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker against the simulator: repository in, documentation out, every
 * call in the ledger at exactly the configured price.
 */
class PipelineIT {
    @TempDir
    static Path dir;

    static SampleRepository repo;
    static NightshiftConfig config;
    static LocalPipeline pipeline;
    static PrometheusMeterRegistry registry;

    @BeforeAll
    static void startPipeline() {
        repo = SampleRepository.create(dir.resolve("repo"));
        config = ConfigLoader.loadDefault(Map.of());
        registry = Telemetry.registry("all");
        pipeline = LocalPipeline.builder(config, new NightshiftHome(dir.resolve("home")))
                .simulate(true)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .serveMetrics(registry, "127.0.0.1", 0)
                .start();
    }

    @AfterAll
    static void stopPipeline() {
        pipeline.close();
    }

    @Test
    void aScraperReadsTheRunsMetersFromTheMetricsPortWhileThePipelineRuns() throws Exception {
        RunPlanned plan = pipeline.ingest()
                .submit(new RunRequest("r-metrics-1", "team-m", repo.dir.toString(), null, TaskType.DOCS, true));
        awaitCompleted(plan.runId());

        HttpResponse<String> scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + pipeline.metricsPort().orElseThrow() + "/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(scrape.body())
                .contains("nightshift_attempts_total{")
                .contains("nightshift_cost_dollars_total{")
                .contains("tenant=\"team-m\"");
    }

    @Test
    void documentsEverySourceFileAndBillsEveryCallAtTheConfiguredPrice() throws Exception {
        RunPlanned plan = pipeline.ingest()
                .submit(new RunRequest("r-docs-1", "team-a", repo.dir.toString(), null, TaskType.DOCS, true));

        JsonNode status = awaitCompleted(plan.runId());

        // One job per source file, plus ingest's folder and repository summaries; none for the binary.
        assertThat(plan.jobIds()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(plan.skipped()).anySatisfy(s -> assertThat(s.path()).isEqualTo(SampleRepository.BINARY));
        assertThat(status.path("jobs").path("succeeded").asInt())
                .isEqualTo(plan.jobIds().size());
        SinkDocuments sink = pipeline.sinkDocuments();
        List<String> artifactPaths = new ArrayList<>();
        sink.artifacts(plan.runId())
                .forEach(a -> artifactPaths.add(a.path("path").asText()));
        assertThat(artifactPaths)
                .hasSize(plan.jobIds().size())
                .contains(
                        SampleRepository.JAVA + ".md",
                        SampleRepository.PYTHON + ".md",
                        SampleRepository.JAVASCRIPT + ".md");
        assertThat(artifactPaths).noneMatch(p -> p.startsWith(SampleRepository.BINARY));

        List<JsonNode> ledger = ledger(sink, plan.runId());
        assertThat(ledger).hasSize(plan.jobIds().size());
        Money total = Money.ZERO;
        for (JsonNode entry : ledger) {
            Usage usage = Json.mapper().treeToValue(entry.path("usage"), Usage.class);
            assertThat(usage.uncachedInput()).isPositive();
            assertThat(usage.output()).isPositive();
            Money expected =
                    config.price(ModelRef.parse(entry.path("model").asText())).cost(usage);
            assertThat(Money.usd(entry.path("cost").asText())).isEqualTo(expected);
            total = total.plus(expected);
        }
        assertThat(Money.usd(status.path("cost").path("usd").asText())).isEqualTo(total);
        assertThat(status.path("state").asText()).isEqualTo("completed");

        // The services' meters are catalogued and carry no job id, path or key as a label.
        String scrape = registry.scrape();
        assertThat(scrape).contains("nightshift_");
        assertThat(MetricNames.violations(scrape)).isEmpty();
        assertThat(plan.jobIds()).noneMatch(scrape::contains);
        assertThat(scrape).doesNotContain(SampleRepository.JAVA).doesNotContain(SampleRepository.PYTHON);
    }

    @Test
    void runningTheSameCommitAgainYieldsTheSameJobIds() throws Exception {
        RunPlanned first = pipeline.ingest()
                .submit(new RunRequest("r-same-1", null, repo.dir.toString(), repo.secondCommit, TaskType.DOCS, true));
        RunPlanned second = pipeline.ingest()
                .submit(new RunRequest("r-same-2", null, repo.dir.toString(), repo.secondCommit, TaskType.DOCS, true));
        RunPlanned older = pipeline.ingest()
                .submit(new RunRequest("r-same-3", null, repo.dir.toString(), repo.firstCommit, TaskType.DOCS, true));

        assertThat(second.jobIds()).containsExactlyInAnyOrderElementsOf(first.jobIds());
        // The first commit holds only the Java file, unchanged in the second commit: different commit, different jobs.
        assertThat(older.jobIds()).isNotEmpty().doesNotContainAnyElementsOf(first.jobIds());
        awaitCompleted("r-same-1");
        awaitCompleted("r-same-2");
        awaitCompleted("r-same-3");
    }

    @Test
    void theEstimateIsCloseToWhatTheSimulatedRunActuallyUsed() throws Exception {
        // A tenant of its own: the artifact cache would otherwise serve the jobs the other tests already paid for.
        RunRequest request =
                new RunRequest("r-estimate-1", "team-estimate", repo.dir.toString(), null, TaskType.TESTS, true);
        Estimate estimate = new RunEstimator(
                        config, RouterConfigLoader.loadDefault(config), dir.resolve("estimate-cache"), Map.of())
                .estimate(request);

        RunPlanned plan = pipeline.ingest().submit(request);
        awaitCompleted(plan.runId());

        long actualInput = 0;
        Money actualCost = Money.ZERO;
        for (JsonNode entry : ledger(pipeline.sinkDocuments(), plan.runId())) {
            Usage usage = Json.mapper().treeToValue(entry.path("usage"), Usage.class);
            actualInput += usage.totalInput();
            actualCost = actualCost.plus(Money.usd(entry.path("cost").asText()));
        }
        assertThat(estimate.jobs()).isEqualTo(plan.jobIds().size());
        // Stated tolerance: the estimate counts the whole prompt with o200k; a provider's tokenizer differs
        // (the simulator's default factor is 1.0, real ones run -10 %/+30 %): within ±10 % here.
        double inputRatio = (double) actualInput / estimate.inputTokens();
        assertThat(inputRatio)
                .as("actual/estimated input tokens (%d/%d)", actualInput, estimate.inputTokens())
                .isBetween(0.9, 1.1);
        // Dollars also depend on the output the model chose to write: within a factor of 3 either way.
        double costRatio = actualCost.toBigDecimal().doubleValue()
                / estimate.usd().toBigDecimal().doubleValue();
        assertThat(costRatio)
                .as("actual/estimated dollars (%s/%s)", actualCost, estimate.usd())
                .isBetween(1 / 3.0, 3.0);
    }

    private static JsonNode awaitCompleted(String runId) {
        SinkDocuments sink = pipeline.sinkDocuments();
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> sink.run(runId).orElse(null),
                        s -> s != null && "completed".equals(s.path("state").asText()));
    }

    private static List<JsonNode> ledger(SinkDocuments sink, String runId) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (String line :
                sink.getText("/runs/" + runId + "/ledger?format=jsonl").split("\n")) {
            if (!line.isBlank()) {
                entries.add(Json.mapper().readTree(line));
            }
        }
        return entries;
    }
}
