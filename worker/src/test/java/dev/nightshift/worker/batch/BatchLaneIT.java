package dev.nightshift.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.Json;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.BatchConfig;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.lane.LaneTopology;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import dev.nightshift.worker.support.WorkerTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch lane against the simulator's batch API of each protocol, on the suite's broker: requests collected into a
 * provider batch come back as one attempt each, joined to their own reply and billed once at the batch price; items
 * the provider failed or did not run go back to the router; a batch in flight survives its worker.
 */
class BatchLaneIT extends WorkerTestBase {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aBatchOfLaneRequestsYieldsOneAttemptPerRequestJoinedToItsOwnReplyAndCostingWhatTheProviderBilled(
            Protocol protocol) throws Exception {
        // Given a worker whose provider allows its batch API, three requests to a batch
        String provider = provider("batch-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            deploy(vertx, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 3);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // When the router puts them on the provider's batch lane
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));

                // Then each comes back once, succeeded at the batch tier, with the reply to its own source
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                List<AttemptResult> attempts = results.results();
                assertThat(attempts).hasSize(jobs.size());
                for (Job job : jobs) {
                    AttemptResult a = attemptOf(attempts, job);
                    assertThat(a.outcome()).as(job.unitPath()).isEqualTo(Outcome.SUCCEEDED);
                    assertThat(a.serviceTier()).isEqualTo(ServiceTier.BATCH);
                    assertThat(a.terminal()).isTrue();
                    assertThat(a.artifact()).as(job.unitPath()).contains(className(job));
                    assertThat(a.cost())
                            .isEqualTo(sim.config()
                                    .price(TestJobs.lane(provider, job).model(), ServiceTier.BATCH)
                                    .cost(a.usage()));
                }
                // And each call was written ahead at the batch tier
                assertThat(results.calls()).hasSize(jobs.size()).allMatch(c -> c.tier() == ServiceTier.BATCH);
                // And the provider billed each request once, what the attempts cost to the nano-dollar
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size());
                assertThat(sum(attempts)).isEqualTo(bill);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void itemsTheProviderFailedComeBackNotTerminalAndGoBackToTheRouter(Protocol protocol) throws Exception {
        // Given a provider whose batch items all fail with its server error
        String provider = provider("batch-err-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            script(sim, provider, "{\"batch\":{\"itemFailureRate\":1.0}}");
            deploy(vertx, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                    KafkaLane.Collector retries = lane.collect(Topics.RETRY, runId)) {
                // When they go through a batch
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));

                // Then each is a failed, retryable attempt, not terminal, handed to the router
                await().atMost(PATIENCE).until(() -> retries.results().size() >= jobs.size());
                assertThat(retries.results())
                        .allMatch(a -> a.outcome() == Outcome.FAILED
                                && a.failureClass().retryable()
                                && !a.terminal()
                                && a.serviceTier() == ServiceTier.BATCH);
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(sum(results.results())).isEqualTo(sim.settledBill(Duration.ofSeconds(2)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void itemsOfAnExpiredBatchAreBatchExpiredAtNoCostAndGoBackToTheRouter(Protocol protocol) throws Exception {
        // Given a provider that reaches none of a batch's items before its window (2 s) passes
        String provider = provider("batch-exp-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            script(sim, provider, "{\"batch\":{\"itemExpireRate\":1.0,\"expireAfterMs\":2000}}");
            deploy(vertx, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                    KafkaLane.Collector retries = lane.collect(Topics.RETRY, runId)) {
                // When they go through a batch
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));

                // Then each is BATCH_EXPIRED, costs nothing, is not terminal and goes back to the router
                await().atMost(PATIENCE).until(() -> retries.results().size() >= jobs.size());
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(results.results())
                        .allMatch(a -> a.failureClass() == FailureClass.BATCH_EXPIRED
                                && !a.terminal()
                                && a.cost().isZero());
                assertThat(sim.billTotal()).isEqualTo(Money.ZERO);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aBatchInFlightWhenItsWorkerStopsIsPolledByTheNextAndBilledOnce(Protocol protocol) throws Exception {
        // Given a provider whose batches take 8 s, and a worker that submitted one
        String provider = provider("batch-restart-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            script(sim, provider, "{\"batch\":{\"turnaroundMs\":8000}}");
            Vertx first = Vertx.vertx();
            deploy(first, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));
                await().atMost(PATIENCE).until(() -> submitted(provider, runId));

                // When that worker stops (its Vert.x closed) and another takes the lane
                first.close().await();
                assertThat(results.results()).isEmpty();
                deploy(vertx, sim);

                // Then the new worker polls the same batch: one attempt per request, each request billed once
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(results.results())
                        .extracting(AttemptResult::jobId)
                        .containsExactlyInAnyOrderElementsOf(
                                jobs.stream().map(Job::jobId).toList());
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size());
                assertThat(sum(results.results())).isEqualTo(bill);
            }
        }
    }

    @Test
    void aBatchInFlightWhenItsWorkerIsUndeployedIsPolledByTheNextAndBilledOnce() throws Exception {
        // Given an Anthropic-protocol provider (no metadata on its batches) whose batches take 8 s, and a worker that
        // submitted one
        String provider = provider("batch-undeploy");
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, Protocol.ANTHROPIC));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            script(sim, provider, "{\"batch\":{\"turnaroundMs\":8000}}");
            String first = deploy(vertx, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));
                await().atMost(PATIENCE).until(() -> submitted(provider, runId));

                // When that worker is undeployed and another takes the lane
                vertx.undeploy(first).await();
                assertThat(results.results()).isEmpty();
                deploy(vertx, sim);

                // Then the new worker polls the same batch: one attempt per request, each billed once
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(results.results()).hasSize(jobs.size());
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size());
                assertThat(sum(results.results())).isEqualTo(bill);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aStoppedRunsBatchIsCancelledWhatItRanIsPublishedAndTheRestEndsAtNoCost(Protocol protocol) throws Exception {
        // Given a provider whose batches take 30 s, and a batch of a run submitted to it
        String provider = provider("batch-cancel-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap);
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "test-stop-" + provider))) {
            script(sim, provider, "{\"batch\":{\"turnaroundMs\":30000}}");
            deploy(vertx, sim);
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 3);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                    KafkaLane.Collector retries = lane.collect(Topics.RETRY, runId)) {
                jobs.forEach(job -> lane.putBatch(TestJobs.lane(provider, job)));
                await().atMost(PATIENCE).until(() -> submitted(provider, runId));

                // When the run is cancelled
                RunControl stop = RunControl.cancelled(runId, 0, java.time.Instant.now(), "nightshift cancel");
                producer.send(new ProducerRecord<>(Topics.RUN_CONTROL, runId, MessageCodec.RUN_CONTROL.encode(stop)))
                        .get();

                // Then the batch ends long before its 30 s: every request has one attempt, terminal; what the provider
                // ran before the cancel is an answer it billed, what it did not run failed at no cost, and none goes
                // back to the router
                await().atMost(Duration.ofSeconds(25))
                        .until(() -> results.results().size() >= jobs.size());
                List<AttemptResult> attempts = results.results();
                assertThat(attempts)
                        .extracting(AttemptResult::jobId)
                        .containsExactlyInAnyOrderElementsOf(
                                jobs.stream().map(Job::jobId).toList());
                assertThat(attempts).allMatch(AttemptResult::terminal);
                List<AttemptResult> notRun = attempts.stream()
                        .filter(a -> a.outcome() == Outcome.FAILED)
                        .toList();
                assertThat(notRun)
                        .allMatch(a -> a.failureClass() == FailureClass.BATCH_EXPIRED
                                && a.cost().isZero());
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size() - notRun.size());
                assertThat(sum(attempts)).isEqualTo(bill);
                assertThat(retries.results()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aBatchWrittenDownAndSubmittedJustBeforeACrashIsFoundAtTheProviderNotSubmittedAgain(Protocol protocol)
            throws Exception {
        // Given a batch its worker wrote down as collected and submitted, then died before it recorded the submission
        String provider = provider("batch-found-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            PendingBatch batch = writtenDown(provider, jobs);
            String providerId = client(sim, provider)
                    .submit(batch.record().batchId(), "wire-" + TestConfigs.MODEL, entries(sim, provider, batch))
                    .await();
            assertThat(providerId).isNotBlank();
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // When a worker takes up the provider's batch lane
                deploy(vertx, sim);

                // Then it finds that batch and polls it: one attempt per request, each billed once
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(results.results())
                        .extracting(AttemptResult::jobId)
                        .containsExactlyInAnyOrderElementsOf(
                                jobs.stream().map(Job::jobId).toList());
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size());
                assertThat(sum(results.results())).isEqualTo(bill);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aBatchWrittenDownButNeverSubmittedIsSubmittedByTheNextWorker(Protocol protocol) throws Exception {
        // Given a batch its worker wrote down as collected, then died before it submitted it
        String provider = provider("batch-late-" + protocol.name().toLowerCase(java.util.Locale.ROOT));
        try (SimulatorFixture sim = SimulatorFixture.start(batchConfig(provider, protocol));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = jobs(runId, 2);
            writtenDown(provider, jobs);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // When a worker takes up the provider's batch lane
                deploy(vertx, sim);

                // Then it looks the batch up, does not find it, and submits it: each request answered and billed once
                await().atMost(PATIENCE).until(() -> results.results().size() >= jobs.size());
                assertThat(results.results()).allMatch(a -> a.outcome() == Outcome.SUCCEEDED);
                Money bill = sim.settledBill(Duration.ofSeconds(2));
                assertThat(sim.bill()).hasSize(jobs.size());
                assertThat(sum(results.results())).isEqualTo(bill);
            }
        }
    }

    /** A batch of the jobs written down on the batches topic in state collected, as the collector writes it. */
    private PendingBatch writtenDown(String provider, List<Job> jobs) throws Exception {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "test-admin-" + provider));
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "test-down-" + provider))) {
            LaneTopology.ensure(admin, Set.of(provider), Topics.LANE_PARTITIONS, Duration.ofSeconds(30), 5);
            String batchId = "nsb-test" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, LaneRequest> members = new java.util.LinkedHashMap<>();
            for (int i = 0; i < jobs.size(); i++) {
                members.put(
                        batchId + "-" + i, TestJobs.lane(provider, jobs.get(i)).onTier(ServiceTier.BATCH));
            }
            BatchRecord record = new BatchRecord(
                    batchId,
                    provider,
                    TestConfigs.MODEL,
                    jobs.get(0).runId(),
                    0,
                    BatchRecord.State.COLLECTED,
                    List.copyOf(members.keySet()),
                    null,
                    java.time.Instant.now(),
                    null);
            PendingBatch batch = new PendingBatch(record, members);
            new BatchStore(producer, bootstrap).write(batch, true).get(30, java.util.concurrent.TimeUnit.SECONDS);
            return batch;
        }
    }

    private BatchClient client(SimulatorFixture sim, String provider) {
        return BatchClients.forProvider(
                sim.config().providers().get(provider),
                Optional.of(sim.keys().get(provider)),
                new HttpExchange(vertx, WebClient.create(vertx), InstantSource.system(), Duration.ofSeconds(30)));
    }

    private static List<BatchEntry> entries(SimulatorFixture sim, String provider, PendingBatch batch) {
        BatchCalls calls = new BatchCalls(provider, sim.config().providers().get(provider));
        List<BatchEntry> entries = new ArrayList<>();
        batch.members()
                .forEach((id, request) ->
                        entries.add(new BatchEntry(id, calls.call(request).orElseThrow())));
        return entries;
    }

    /** One provider of {@code protocol} with model {@code m1}, its batch API allowed, batches sealed after 1 s. */
    private static NightshiftConfig batchConfig(String provider, Protocol protocol) {
        NightshiftConfig config = TestConfigs.single(provider, protocol, "http://127.0.0.1:9", Limits.UNLIMITED);
        return config.withProviders(Map.of(
                provider,
                config.providers()
                        .get(provider)
                        .withBatch(new BatchConfig(true, BatchConfig.HALF, null, 100, null, 1))));
    }

    private String deploy(Vertx on, SimulatorFixture sim) {
        WorkerSettings settings = WorkerSettings.DEFAULTS.withCallDeadline(Duration.ofSeconds(20));
        return on.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys(), settings))
                .await();
    }

    /** Changes the simulated provider's batch API through the simulator's admin endpoint. */
    private void script(SimulatorFixture sim, String provider, String json) {
        WebClient web = WebClient.create(vertx);
        try {
            int status = web.postAbs(sim.simulator().baseUrl() + "/admin/providers/" + provider)
                    .putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer(json))
                    .await()
                    .statusCode();
            assertThat(status).as("scripting the simulator's batch API").isEqualTo(200);
        } finally {
            web.close();
        }
    }

    /** Jobs of one run over classes of their own, so each reply can be told from the others. */
    private static List<Job> jobs(String runId, int n) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "Widget" + i;
            Job job = TestJobs.job(runId, "src/" + name + ".java", TaskType.DOCS);
            jobs.add(TestJobs.withContent(
                    job,
                    "package demo;\n\npublic final class " + name + " {\n    public int size() { return " + i
                            + "; }\n}\n"));
        }
        return jobs;
    }

    private static String className(Job job) {
        String file = job.unitPath().substring(job.unitPath().lastIndexOf('/') + 1);
        return file.substring(0, file.indexOf('.'));
    }

    private static AttemptResult attemptOf(List<AttemptResult> attempts, Job job) {
        return attempts.stream()
                .filter(a -> a.jobId().equals(job.jobId()))
                .findFirst()
                .orElseThrow();
    }

    private static Money sum(List<AttemptResult> attempts) {
        return attempts.stream().map(AttemptResult::cost).reduce(Money.ZERO, Money::plus);
    }

    /** Whether the batches topic holds a submitted batch of the run (the provider has it). */
    private boolean submitted(String provider, String runId) {
        java.util.Properties props =
                KafkaClientProps.consumer(bootstrap, "test-batches-" + UUID.randomUUID(), "unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            TopicPartition p = new TopicPartition(Topics.BATCHES, 0);
            c.assign(List.of(p));
            c.seekToBeginning(List.of(p));
            long end = c.endOffsets(List.of(p)).get(p);
            boolean found = false;
            while (c.position(p) < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key().startsWith("batch/") && r.value() != null) {
                        BatchRecord b = readRecord(r.value());
                        found |= b.provider().equals(provider)
                                && b.runId().equals(runId)
                                && b.state() == BatchRecord.State.SUBMITTED;
                    }
                }
            }
            return found;
        }
    }

    private static BatchRecord readRecord(byte[] value) {
        try {
            return Json.mapper().readValue(value, BatchRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
