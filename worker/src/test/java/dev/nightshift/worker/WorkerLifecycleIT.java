package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.worker.support.FakeProvider;
import dev.nightshift.worker.support.FakeProvider.Answer;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import dev.nightshift.worker.support.WorkerMain;
import io.vertx.core.Vertx;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graceful shutdown, and a worker killed with SIGKILL loses nothing. */
class WorkerLifecycleIT {
    private static final String REPLY = """
            {"choices":[{"message":{"content":"# Doc"},"finish_reason":"stop"}],"usage":{"prompt_tokens":100,"completion_tokens":10}}""";
    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final Vertx vertx = Vertx.vertx();
    private final KafkaLane lane = new KafkaLane(bootstrap);

    @AfterEach
    void tearDown() {
        lane.close();
        vertx.close().await();
    }

    @Test
    void stoppingAWorkerFinishesTheCallInFlightAndPublishesItsResult() throws Exception {
        // Given a worker in the middle of a 2-second call
        String provider = "stop-" + UUID.randomUUID().toString().substring(0, 8);
        try (FakeProvider fake =
                new FakeProvider(vertx, r -> Answer.json(200, REPLY).after(2000))) {
            NightshiftConfig config = TestConfigs.single(provider, Protocol.OPENAI, fake.baseUrl(), Limits.UNLIMITED);
            String id = vertx.deployVerticle(new WorkerVerticle(
                            config,
                            bootstrap,
                            Map.of(provider, ApiKey.of("sk-test")),
                            WorkerSettings.DEFAULTS.withShutdownGrace(Duration.ofSeconds(10))))
                    .await();
            Job job = TestJobs.job("run-" + UUID.randomUUID(), "src/A.java", TaskType.DOCS);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, job.runId())) {
                lane.put(TestJobs.lane(provider, job));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> fake.received().size() == 1);
                // When it is stopped
                long t0 = System.nanoTime();
                vertx.undeploy(id).await();
                long stopMillis = (System.nanoTime() - t0) / 1_000_000;
                // Then the call finished, its result was published before the worker was gone, and the stop was bounded
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> results.results().size() == 1);
                assertThat(results.results().get(0).outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(stopMillis).isLessThan(15_000);
            }
        }
    }

    @Test
    void aWorkerKilledMidCallLosesNothingAnotherWorkerCompletesItsJobOnce() throws Exception {
        // Given a worker in another JVM, in the middle of a slow call
        String provider = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        try (FakeProvider fake =
                new FakeProvider(vertx, r -> Answer.json(200, REPLY).after(fakeDelay()))) {
            Process child = startWorkerProcess(provider, fake.baseUrl());
            try {
                awaitMembers(provider, 1);
                Job job = TestJobs.job("run-" + UUID.randomUUID(), "src/A.java", TaskType.DOCS);
                try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, job.runId())) {
                    lane.put(TestJobs.lane(provider, job));
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> fake.received().size() == 1);
                    // When it is killed with SIGKILL and another worker is running
                    child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    NightshiftConfig config =
                            TestConfigs.single(provider, Protocol.OPENAI, fake.baseUrl(), Limits.UNLIMITED);
                    vertx.deployVerticle(new WorkerVerticle(
                                    config,
                                    bootstrap,
                                    Map.of(provider, ApiKey.of("sk-test")),
                                    WorkerSettings.DEFAULTS.withLockDuration(Duration.ofSeconds(5))))
                            .await();
                    // Then the job's lock expires, the other worker calls again and publishes the job's one result
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> results.results().size() >= 1);
                    List<AttemptResult> all = results.results();
                    assertThat(all).hasSize(1);
                    assertThat(all.get(0).outcome()).isEqualTo(Outcome.SUCCEEDED);
                    assertThat(fake.received()).hasSize(2);
                }
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** The first call (the one the killed worker makes) never ends in time; later ones answer quickly. */
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    private long fakeDelay() {
        return calls.incrementAndGet() == 1 ? 60_000 : 100;
    }

    private Process startWorkerProcess(String provider, String baseUrl) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = new File("target/worker-child-" + provider + ".log");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerMain.class.getName(),
                        bootstrap,
                        provider,
                        baseUrl,
                        "5")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private void awaitMembers(String provider, int n) {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "test-admin-" + UUID.randomUUID()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                try {
                    return admin.describeShareGroups(List.of(Topics.workerGroup(provider)))
                                    .describedGroups()
                                    .get(Topics.workerGroup(provider))
                                    .get()
                                    .members()
                                    .size()
                            >= n;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
