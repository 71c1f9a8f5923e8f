package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.sink.SinkOptions;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.RunState;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact cache over Kafka: the sink announces each stored artifact on {@code nightshift.cache}; the router
 * reads it and answers the same work in a later run from the cache — no lane request, no cost — while a
 * changed file is routed and paid for. A stand-in worker answers the lanes.
 */
class RouterCacheIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @TempDir
    Path dir;

    @Test
    void aSecondRunPaysOnlyForTheFileThatChangedAndGetsTheOthersFromTheCache() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String repo = "/repo/cache-" + UUID.randomUUID();
        String first = "r-cache-1-" + UUID.randomUUID();
        String second = "r-cache-2-" + UUID.randomUUID();
        Map<String, Set<String>> laneRequests = new ConcurrentHashMap<>();
        AtomicBoolean working = new AtomicBoolean(true);
        Thread worker = new Thread(
                () -> standInWorker(bootstrap, Set.of(first, second), laneRequests, working), "stand-in-worker");
        Vertx vertx = Vertx.vertx();
        try {
            SinkVerticle sink = new SinkVerticle(
                    CONFIG,
                    bootstrap,
                    dir.resolve("sink"),
                    new SinkOptions("it-sink-" + UUID.randomUUID(), InstantSource.system(), Map.of()));
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(CONFIG, bootstrap, RouterConfig.coreOnly(CONFIG)))
                    .await(60, TimeUnit.SECONDS);
            worker.start();

            // Given a first run over three files, paid for in full
            List<Job> run1 = List.of(
                    job(first, repo, "c1", "src/A.java", "class A {}"),
                    job(first, repo, "c1", "src/B.java", "class B {}"),
                    job(first, repo, "c1", "src/C.java", "class C {}"));
            submit(bootstrap, first, repo, "c1", run1);
            RunStatus status1 = awaitCompleted(sink, first);
            assertThat(status1.jobs().succeeded()).isEqualTo(3);
            assertThat(status1.servedFromCache()).isZero();
            assertThat(status1.cost().usd()).isGreaterThan(Money.ZERO);
            assertThat(laneRequests.get(first)).hasSize(3);
            // and the sink has announced its three artifacts on the cache topic
            awaitAnnounced(bootstrap, first, 3);

            // When a second run on a new commit changes only C
            List<Job> run2 = List.of(
                    job(second, repo, "c2", "src/A.java", "class A {}"),
                    job(second, repo, "c2", "src/B.java", "class B {}"),
                    job(second, repo, "c2", "src/C.java", "class C { int x; }"));
            submit(bootstrap, second, repo, "c2", run2);
            RunStatus status2 = awaitCompleted(sink, second);

            // Then only C went to a model; A and B were served from the cache at no cost, with their artifacts
            assertThat(laneRequests.get(second)).containsExactly(run2.get(2).jobId());
            assertThat(status2.jobs().succeeded()).isEqualTo(3);
            assertThat(status2.servedFromCache()).isEqualTo(2);
            Money paidForC = sink.queries()
                    .job(second, run2.get(2).jobId())
                    .orElseThrow()
                    .cost();
            assertThat(paidForC).isGreaterThan(Money.ZERO);
            assertThat(status2.cost().usd()).isEqualTo(paidForC);
            List<ArtifactRecord> artifacts = sink.queries().artifacts(second, null);
            assertThat(artifacts).hasSize(3);
            assertThat(artifacts)
                    .filteredOn(ArtifactRecord::fromCache)
                    .extracting(ArtifactRecord::unitPath)
                    .containsExactlyInAnyOrder("src/A.java", "src/B.java");
            assertThat(sink.queries().artifactText(second, run2.get(0).jobId(), null))
                    .isEqualTo(sink.queries().artifactText(first, run1.get(0).jobId(), null));
        } finally {
            working.set(false);
            worker.join(30_000);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static Job job(String runId, String repo, String commit, String path, String content) {
        String hash = JobIds.contentHash(content);
        return new Job(
                JobIds.jobId(repo, commit, TaskType.TESTS, path, hash, "1"),
                runId,
                "acme",
                repo,
                commit,
                TaskType.TESTS,
                path,
                "java",
                hash,
                "1",
                content,
                400,
                4096,
                true);
    }

    private static void submit(String bootstrap, String runId, String repo, String commit, List<Job> jobs)
            throws Exception {
        RunPlanned plan = new RunPlanned(
                runId,
                "acme",
                repo,
                commit,
                TaskType.TESTS,
                jobs.stream().map(Job::jobId).toList(),
                jobs.stream().mapToLong(Job::inputTokens).sum(),
                List.of(),
                true,
                Instant.now());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-ingest"))) {
            producer.send(new ProducerRecord<>(Topics.RUNS, runId, MessageCodec.RUN_PLANNED.encode(plan)))
                    .get(30, TimeUnit.SECONDS);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Job job : jobs) {
                sent.add(producer.send(new ProducerRecord<>(Topics.JOBS, job.jobId(), MessageCodec.JOB.encode(job))));
            }
            Acks.flushAndCheck(producer, sent);
        }
    }

    private static RunStatus awaitCompleted(SinkVerticle sink, String runId) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> sink.queries()
                                .run(runId)
                                .map(r -> sink.queries().status(runId, null))
                                .orElse(null),
                        s -> s != null && s.state() == RunState.COMPLETED);
    }

    /** Reads the cache topic from its beginning until {@code expected} entries name the run. */
    private static void awaitAnnounced(String bootstrap, String runId, int expected) {
        Set<String> jobs = new HashSet<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap, "it-cache", "it-cache-" + UUID.randomUUID()))) {
            c.subscribe(List.of(CacheTopics.ARTIFACTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode v = Json.mapper().readTree(r.value());
                    assertThat(r.key()).startsWith("ck-").endsWith(":sim");
                    if (runId.equals(v.path("runId").asText())) {
                        jobs.add(v.path("jobId").asText());
                    }
                }
                return jobs.size() >= expected;
            });
        }
    }

    /** Answers every lane request of the given runs with a billed success whose reply is a fenced test. */
    private static void standInWorker(
            String bootstrap, Set<String> runs, Map<String, Set<String>> requests, AtomicBoolean working) {
        List<String> lanes =
                CONFIG.providers().keySet().stream().map(Topics::lane).toList();
        try (KafkaConsumer<String, byte[]> lanesIn = new KafkaConsumer<>(KafkaClientProps.consumer(
                        bootstrap, "stand-in-worker", "stand-in-worker-" + UUID.randomUUID()));
                KafkaProducer<String, byte[]> out =
                        new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "stand-in-worker"))) {
            lanesIn.subscribe(lanes);
            while (working.get()) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : lanesIn.poll(Duration.ofMillis(200))) {
                    LaneRequest request = MessageCodec.LANE_REQUEST.decode(r.value());
                    Job job = request.job();
                    if (!runs.contains(job.runId())) {
                        continue;
                    }
                    requests.computeIfAbsent(job.runId(), k -> ConcurrentHashMap.newKeySet())
                            .add(job.jobId());
                    Usage usage = Usage.of(job.inputTokens() + 100, 0, 0, 200);
                    AttemptResult result = new AttemptResult(
                            JobRef.of(job),
                            request.attempt(),
                            request.model().provider(),
                            request.model().model(),
                            request.routingReason(),
                            Outcome.SUCCEEDED,
                            null,
                            null,
                            usage,
                            CONFIG.price(request.model()).cost(usage),
                            "it",
                            5,
                            Instant.now(),
                            Instant.now(),
                            "stop",
                            "```java\nclass Test_" + job.unitPath().hashCode() + " {}\n```",
                            true);
                    byte[] value = MessageCodec.JOB_EVENT.encode(result);
                    sent.add(out.send(new ProducerRecord<>(Topics.RESULTS, result.jobId(), value)));
                }
                Acks.flushAndCheck(out, sent);
            }
        }
    }
}
