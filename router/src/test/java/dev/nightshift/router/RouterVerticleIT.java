package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterVerticleIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static String bootstrap;
    private static Vertx vertx;

    @BeforeAll
    static void startRouter() throws Exception {
        bootstrap = KafkaTestBroker.bootstrapServers();
        vertx = Vertx.vertx();
        vertx.deployVerticle(new RouterVerticle(CONFIG, bootstrap)).await(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopRouter() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aJobPublishedOnTheJobsTopicArrivesOnTheLaneOfItsRoutedProvider() throws Exception {
        // Given a documentation job and a test job of one run, published by "ingest"
        String runId = "r-it-" + UUID.randomUUID();
        Job docs = Jobs.job(runId, "src/A.java", TaskType.DOCS, 800);
        Job tests = Jobs.job(runId, "src/B.java", TaskType.TESTS, 900);

        // When they are on nightshift.jobs
        publish(Topics.JOBS, docs.jobId(), MessageCodec.JOB.encode(docs));
        publish(Topics.JOBS, tests.jobId(), MessageCodec.JOB.encode(tests));

        // Then each arrives on its provider's lane, keyed by job id, as attempt 1 with its reason
        List<ConsumerRecord<String, byte[]>> gemini = readUntil(Topics.lane("gemini"), docs.jobId());
        List<ConsumerRecord<String, byte[]>> deepseek = readUntil(Topics.lane("deepseek"), tests.jobId());
        LaneRequest docsRequest =
                MessageCodec.LANE_REQUEST.decode(only(gemini, docs.jobId()).value());
        LaneRequest testsRequest =
                MessageCodec.LANE_REQUEST.decode(only(deepseek, tests.jobId()).value());
        assertThat(docsRequest.job()).isEqualTo(docs);
        assertThat(docsRequest.model().toString()).isEqualTo("gemini/gemini-1.5-flash");
        assertThat(docsRequest.attempt()).isEqualTo(1);
        assertThat(docsRequest.routingReason()).contains("docs-long-context");
        assertThat(testsRequest.model().toString()).isEqualTo("deepseek/deepseek-chat");
    }

    @Test
    void aRunWithAFarDeadlineSendsItsDocumentToGeminisBatchLaneAndItsTestToDeepseeksLane() throws Exception {
        // Given: a run whose results are needed in nine hours, its plan read and kept by the router
        String runId = "r-it-" + UUID.randomUUID();
        RunPlanned plan = new RunPlanned(
                        runId,
                        "acme",
                        "/repo/" + runId,
                        "c0ffee",
                        TaskType.DOCS,
                        List.of(),
                        0,
                        List.of(),
                        true,
                        Instant.now())
                .withDeadline(Instant.now().plus(Duration.ofHours(9)));
        publish(Topics.RUNS, RecordKeys.tenant("acme"), MessageCodec.RUN_PLANNED.encode(plan));
        readUntilKey(Topics.ROUTER_STATE, RouterState.runKey(runId));
        // Paths of their own: the same work as another test's jobs would wait for it (single flight).
        Job docs = Jobs.job(runId, "src/Overnight.java", TaskType.DOCS, 800);
        Job tests = Jobs.job(runId, "src/OvernightTests.java", TaskType.TESTS, 900);

        // When
        publish(Topics.JOBS, docs.jobId(), MessageCodec.JOB.encode(docs));
        publish(Topics.JOBS, tests.jobId(), MessageCodec.JOB.encode(tests));

        // Then: gemini allows batches, deepseek does not
        LaneRequest docsRequest =
                MessageCodec.LANE_REQUEST.decode(only(readUntil(Topics.batchLane("gemini"), docs.jobId()), docs.jobId())
                        .value());
        LaneRequest testsRequest =
                MessageCodec.LANE_REQUEST.decode(only(readUntil(Topics.lane("deepseek"), tests.jobId()), tests.jobId())
                        .value());
        assertThat(docsRequest.tier()).isEqualTo(ServiceTier.BATCH);
        assertThat(docsRequest.job()).isEqualTo(docs);
        assertThat(testsRequest.tier()).isEqualTo(ServiceTier.STANDARD);
    }

    /** Reads a compacted topic from the start until a record under {@code key} shows up. */
    private static void readUntilKey(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap(), "it-reader", "it-reader-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            List<String> keys = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return keys.contains(key);
            });
        }
    }

    @Test
    void aJobNoModelCanHoldEndsAsATerminalFailureOnTheResultsTopic() throws Exception {
        String runId = "r-it-" + UUID.randomUUID();
        Job huge = Jobs.job(runId, "src/Huge.java", TaskType.TESTS, 500_000);

        publish(Topics.JOBS, huge.jobId(), MessageCodec.JOB.encode(huge));

        ConsumerRecord<String, byte[]> record = only(readUntil(Topics.RESULTS, huge.jobId()), huge.jobId());
        NotRouted result = (NotRouted) MessageCodec.JOB_EVENT.decode(record.value());
        assertThat(result.terminal()).isTrue();
        assertThat(result.why()).isEqualTo(NotRouted.Why.NO_CAPABLE_MODEL);
        assertThat(result.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
        assertThat(result.runId()).isEqualTo(runId);
    }

    @Test
    void aFailedAttemptOnTheRetryTopicMovesTheJobToTheNextModelOfItsChain() throws Exception {
        // Given a test job routed to DeepSeek
        String runId = "r-it-" + UUID.randomUUID();
        Job job = Jobs.job(runId, "src/C.java", TaskType.TESTS, 700);
        publish(Topics.JOBS, job.jobId(), MessageCodec.JOB.encode(job));
        LaneRequest first =
                MessageCodec.LANE_REQUEST.decode(only(readUntil(Topics.lane("deepseek"), job.jobId()), job.jobId())
                        .value());

        // When the worker reports that DeepSeek is overloaded
        FailedAttempt failed = Attempts.failover(first, FailureClass.OVERLOADED, dev.nightshift.core.money.Money.ZERO);
        publish(Topics.RETRY, job.jobId(), MessageCodec.FAILED_ATTEMPT.encode(failed));

        // Then the job arrives on Qwen's lane as attempt 2, whole, from the retry record alone
        LaneRequest second = MessageCodec.LANE_REQUEST.decode(
                only(readUntil(Topics.lane("qwen"), job.jobId()), job.jobId()).value());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.model().toString()).isEqualTo("qwen/qwen2.5-coder");
        assertThat(second.job()).isEqualTo(job);
        assertThat(second.routingReason()).contains("failover");
    }

    private static String bootstrap() {
        return KafkaTestBroker.bootstrapServers();
    }

    static void publish(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap(), "it-ingest"))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The job a record is about: lanes are keyed by job id, results by tenant (the event names its job). */
    static String jobIdOf(ConsumerRecord<String, byte[]> r) {
        return r.topic().equals(Topics.RESULTS)
                ? MessageCodec.JOB_EVENT.decode(r.value()).jobId()
                : r.key();
    }

    /** Reads the topic from the start with a fresh group until a record of the job shows up. */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap(), "it-reader", "it-reader-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(jobIdOf(r)));
            });
        }
        return seen;
    }

    /** Reads two topics until a record of the job shows up on either. */
    static List<ConsumerRecord<String, byte[]>> readUntilEither(String topic, String other, String key) {
        List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap(), "it-reader", "it-reader-" + UUID.randomUUID()))) {
            consumer.subscribe(List.of(topic, other));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(jobIdOf(r)));
            });
        }
        return seen;
    }

    static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String key) {
        List<ConsumerRecord<String, byte[]>> matching =
                records.stream().filter(r -> key.equals(jobIdOf(r))).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
