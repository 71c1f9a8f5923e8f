package dev.nightshift.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.wire.Dialect;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestJobs;
import dev.nightshift.worker.support.WorkerTestBase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker whose provider answers 402 (out of balance) pauses that provider for the run, and says so in its
 * metrics: {@code nightshift_provider_paused_total} rises once per paused run, from the 0 it was registered at,
 * which is what the NightshiftProviderOutOfCredit alert watches.
 */
class OutOfCreditMetricIT extends WorkerTestBase {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void aProviderOutOfCreditIsCountedAsPausedOncePerRunInTheScrape() throws Exception {
        // Given a DeepSeek-like provider out of balance (402 "Insufficient Balance") and a worker reporting to
        // Prometheus
        String provider = provider("broke");
        NightshiftConfig config = openAiProvider(provider, new Limits(null, null, null, 1, null, null));
        try (SimulatorFixture sim = SimulatorFixture.start(
                        config,
                        c -> c.withProvider(provider, p -> p.withDialect(Dialect.DEEPSEEK)
                                .withFault(FaultRule.always(Fault.INSUFFICIENT_QUOTA))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(
                            sim.config(),
                            bootstrap,
                            sim.keys(),
                            WorkerSettings.DEFAULTS,
                            new MicrometerWorkerEvents(registry)))
                    .await();
            await().atMost(Duration.ofSeconds(30)).until(() -> pausedCount(provider) == 0.0);

            // When two runs send it jobs, three each
            String first = "run-" + UUID.randomUUID();
            String second = "run-" + UUID.randomUUID();
            try (KafkaLane.Collector firstRetries = lane.collect(Topics.RETRY, first);
                    KafkaLane.Collector secondRetries = lane.collect(Topics.RETRY, second)) {
                for (String run : new String[] {first, second}) {
                    for (int i = 0; i < 3; i++) {
                        Job job = TestJobs.job(run, "src/Unpaid" + i + ".java", TaskType.DOCS);
                        lane.put(TestJobs.lane(provider, job));
                    }
                }
                // Then every job is failed over, and the provider counts as paused once for each run
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> firstRetries.results().size() >= 3
                                && secondRetries.results().size() >= 3);
            }
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(pausedCount(provider)).isEqualTo(2.0));
            String scrape = registry.scrape();
            assertThat(scrape).contains("nightshift_provider_paused_total{provider=\"" + provider + "\"} 2.0");
            assertThat(scrape).as("the run id is no label").doesNotContain(first);
            assertThat(MetricNames.violations(scrape)).isEmpty();
        }
    }

    private double pausedCount(String provider) {
        var counter = registry.find(MetricNames.PROVIDER_PAUSED.name())
                .tag(MetricNames.PROVIDER, provider)
                .counter();
        return counter == null ? -1 : counter.count();
    }
}
