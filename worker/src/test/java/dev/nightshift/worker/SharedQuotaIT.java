package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.quota.Dimension;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** N workers on one lane stay within the account's limit together. */
class SharedQuotaIT {
    private static final int RPM = 6;
    private static final int JOBS = 9;

    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final List<Vertx> replicas = new ArrayList<>();
    private final List<WorkerVerticle> workers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        replicas.forEach(v -> v.close().await());
    }

    @Test
    void threeWorkersTogetherStayWithinTheAccountsRequestsPerMinuteAndFinishEveryJobOnce() throws Exception {
        // Given an account allowing 6 requests a minute, enforced by the simulator, and three worker replicas
        String provider = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        Limits limits = new Limits(RPM, null, null, 3, null, null);
        NightshiftConfig config = TestConfigs.single(provider, Protocol.OPENAI, "http://127.0.0.1:9", limits);
        try (SimulatorFixture sim = SimulatorFixture.start(config, c -> c.withConfiguredLimits(config)
                        .withProvider(provider, p -> p.withLatency(Latency.fixed(Duration.ofMillis(200)))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            WorkerSettings settings = WorkerSettings.DEFAULTS.withObserveInterval(Duration.ofSeconds(1));
            for (int i = 0; i < 3; i++) {
                Vertx vertx = Vertx.vertx();
                replicas.add(vertx);
                WorkerVerticle worker = new WorkerVerticle(sim.config(), bootstrap, sim.keys(), settings);
                vertx.deployVerticle(worker).await();
                workers.add(worker);
            }
            // And each replica has seen the others join the lane's share group
            await().atMost(Duration.ofSeconds(60)).until(() -> workers.stream()
                    .allMatch(w -> w.lane(provider).gate().ledger().members() == 3));
            String runId = "run-" + UUID.randomUUID();
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // When 9 jobs arrive at once
                for (int i = 0; i < JOBS; i++) {
                    Job job = TestJobs.job(runId, "src/Unit" + i + ".java", TaskType.DOCS);
                    lane.put(TestJobs.lane(provider, job));
                }
                // Then every job succeeds exactly once
                // (9 jobs at 6 a minute need more than a minute by design; the bound only guards against a hang on a
                // loaded machine)
                await().atMost(Duration.ofMinutes(5))
                        .until(() -> results.results().size() >= JOBS);
                List<AttemptResult> done = results.results();
                assertThat(done).allMatch(a -> a.outcome() == Outcome.SUCCEEDED && a.terminal());
                assertThat(done.stream().map(AttemptResult::jobId).collect(Collectors.toSet()))
                        .hasSize(JOBS);
                // And no 60-second window held more than the account's limit of calls (by send time)
                for (AttemptResult first : done) {
                    long inWindow = done.stream()
                            .filter(a -> !a.startedAt().isBefore(first.startedAt())
                                    && a.startedAt().isBefore(first.startedAt().plusSeconds(60)))
                            .count();
                    assertThat(inWindow).isLessThanOrEqualTo(RPM);
                }
            }
            // And the simulator, which enforces the limit itself, billed each job once and never answered 429
            assertThat(sim.simulator().bill(provider)).hasSize(JOBS);
            assertThat(workers.stream()
                            .mapToLong(w -> w.lane(provider).gate().rateLimited())
                            .sum())
                    .isZero();
            assertThat(workers.get(0).lane(provider).gate().ledger().limit(Dimension.REQUESTS_PER_MINUTE))
                    .isEqualTo(RPM / 3);
        }
    }
}
