package dev.nightshift.sink;

import static dev.nightshift.sink.Fixtures.billedFailure;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkVerticleIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestProducer producer;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void producer() {
        producer = new TestProducer();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void resultsFromKafkaBecomeLedgerEntriesArtifactsAndACompletedRun() {
        try (SinkRunner runner = new SinkRunner(dataDir, group(), Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            String run = newRunId();
            // Given results that arrive before their run's plan
            producer.result(billedFailure(run, "j1", 1, "src/A.java", Usage.of(120, 0, 0, 30), false));
            producer.result(success(run, "j1", 2, "src/A.java", Usage.of(120, 0, 0, 60)));
            producer.result(success(run, "j2", 1, "src/b/B.java", Usage.of(300, 40, 0, 90)));
            await().atMost(WAIT).until(() -> http.get("/runs/" + run).statusCode() == 200);
            assertThat(http.json("/runs/" + run).path("state").asText()).isEqualTo("running");

            // When the plan and the last result arrive
            producer.plan(plan(run, "default", List.of("j1", "j2", "j3")));
            producer.result(success(run, "j3", 1, "C.java", Usage.of(10, 0, 0, 5)));

            // Then
            await().atMost(WAIT).until(() -> stateOf(http, run).equals("completed"));
            JsonNode status = http.json("/runs/" + run);
            assertThat(status.path("jobs").path("total").asLong()).isEqualTo(3);
            assertThat(status.path("jobs").path("succeeded").asLong()).isEqualTo(3);
            assertThat(status.path("jobs").path("pending").asLong()).isZero();
            assertThat(status.path("simulated").asBoolean()).isTrue();
            assertThat(status.path("repository").asText()).isEqualTo("/repos/demo");
            assertThat(status.path("skipped").get(0).path("reason").asText()).isEqualTo("binary");
            assertThat(status.path("tokens").path("uncachedInput").asLong()).isEqualTo(550);
            assertThat(status.path("tokens").path("cacheReadInput").asLong()).isEqualTo(40);

            String jsonl = http.get("/runs/" + run + "/ledger?format=jsonl").body();
            List<String> lines = jsonl.lines().toList();
            assertThat(lines).hasSize(4);
            Money ledgerTotal = lines.stream()
                    .map(l -> Money.usd(read(l).path("cost").asText()))
                    .reduce(Money.ZERO, Money::plus);
            assertThat(Money.usd(status.path("cost").path("usd").asText())).isEqualTo(ledgerTotal);
            assertThat(status.path("cost").path("byModel").has("deepseek/deepseek-chat"))
                    .isTrue();
            assertThat(http.get("/runs/" + run + "/ledger?format=csv").body().lines())
                    .hasSize(5);

            JsonNode artifacts = http.json("/runs/" + run + "/artifacts");
            assertThat(artifacts).hasSize(3);
            assertThat(artifacts.findValuesAsText("path"))
                    .containsExactlyInAnyOrder("src/A.java.md", "src/b/B.java.md", "C.java.md");
            assertThat(http.get("/runs/" + run + "/artifacts/j2").body()).contains("# src/b/B.java");
            assertThat(http.json("/runs").findValuesAsText("runId")).contains(run);
        }
    }

    @Test
    void aResultPublishedTwiceIsWrittenOnce() {
        try (SinkRunner runner = new SinkRunner(dataDir, group(), Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            String run = newRunId();
            String job = "j-" + UUID.randomUUID();
            AttemptResult result = success(run, job, 1, "a.py", Usage.of(100, 0, 0, 50));
            producer.plan(plan(run, "default", List.of(job)));

            producer.result(result);
            producer.result(result);

            awaitConsumedPast(http, job);
            JsonNode status = http.json("/runs/" + run);
            assertThat(http.get("/runs/" + run + "/ledger").body().lines()).hasSize(1);
            assertThat(status.path("progress").path("attempts").asLong()).isEqualTo(1);
            assertThat(Money.usd(status.path("cost").path("usd").asText())).isEqualTo(result.cost());
        }
    }

    @Test
    void aSinkRestartedFromUncommittedOffsetsWritesNothingTwice() throws Exception {
        String group = group();
        String run = newRunId();
        String job = "j-" + UUID.randomUUID();
        String before;
        try (SinkRunner runner = new SinkRunner(dataDir, group, Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            producer.plan(plan(run, "default", List.of(job, job + "-2")));
            producer.result(billedFailure(run, job, 1, "a.py", Usage.of(100, 0, 0, 10), false));
            producer.result(success(run, job, 2, "a.py", Usage.of(100, 0, 0, 50)));
            producer.result(success(run, job + "-2", 1, "b.py", Usage.of(70, 0, 0, 20)));
            await().atMost(WAIT).until(() -> stateOf(http, run).equals("completed"));
            before = http.get("/runs/" + run).body();
        }
        // As if the sink had died after writing but before committing: its offsets go back to the start.
        rewindToStart(group);

        try (SinkRunner runner = new SinkRunner(dataDir, group, Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            awaitConsumedPast(http, job);
            awaitConsumedPast(http, job + "-2");

            assertThat(http.get("/runs/" + run + "/ledger").body().lines()).hasSize(3);
            JsonNode after = http.json("/runs/" + run);
            JsonNode was = read(before);
            assertThat(after.path("cost")).isEqualTo(was.path("cost"));
            assertThat(after.path("tokens")).isEqualTo(was.path("tokens"));
            assertThat(after.path("jobs")).isEqualTo(was.path("jobs"));
            assertThat(after.path("progress").path("attempts"))
                    .isEqualTo(was.path("progress").path("attempts"));
        }
    }

    @Test
    void aDocumentAwaitingItsChildrenIsComposedOntoTheJobsTopicAndItsAnswerCachedUnderTheComposedKey() {
        String run = newRunId();
        Job child = Fixtures.fileDocsJob(run, "pkg/a.py");
        Job folder = Fixtures.folderDocsJob(run, List.of(child));
        try (SinkRunner runner = new SinkRunner(dataDir, group(), Map.of());
                KafkaConsumer<String, byte[]> jobs = new KafkaConsumer<>(
                        KafkaClientProps.consumer(KafkaTestBroker.bootstrapServers(), "sink-test-jobs", group()))) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            jobs.subscribe(List.of(Topics.JOBS));

            // Given the folder's document as ingest plans it, on its own topic, and then its child's answer
            producer.plan(plan(run, "default", List.of(child.jobId(), folder.jobId())));
            producer.send(new ProducerRecord<>(Topics.DOCS_AWAITING, folder.jobId(), MessageCodec.JOB.encode(folder)));
            producer.result(success(child, 1, Usage.of(10, 0, 0, 5)));

            // Then the sink publishes the folder's job composed from the child's document, for the router
            AtomicReference<Job> composed = new AtomicReference<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> r : jobs.poll(Duration.ofMillis(200))) {
                    Job job = MessageCodec.JOB.decode(r.value());
                    if (job.runId().equals(run) && job.jobId().equals(folder.jobId())) {
                        composed.set(job);
                    }
                }
                return composed.get() != null;
            });
            assertThat(composed.get().awaitingChildren()).isFalse();
            assertThat(composed.get().content()).contains("pkg/a.py");

            // When the router's worker answers it, the sink caches the answer under the composed job's key
            producer.result(success(composed.get(), 1, Usage.of(10, 0, 0, 5)));
            await().atMost(WAIT).until(() -> stateOf(http, run).equals("completed"));
            String key = ContentKeys.of(composed.get());
            assertThat(key).isNotEqualTo(ContentKeys.of(folder));
            assertThat(http.get("/cache/" + key + "/text?simulated=true").body())
                    .contains("# pkg/README");
        }
    }

    @Test
    void aJobTheBrokerDeadLetteredEndsDeadLetteredWithTheBrokersReason() throws Exception {
        String provider = "dlqtest-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin =
                Admin.create(KafkaClientProps.admin(KafkaTestBroker.bootstrapServers(), "sink-test-admin"))) {
            TopicAdmin.ensureTopics(admin, List.of(TopicAdmin.deadLetters(provider)));
        }
        String run = newRunId();
        Job job = new Job(
                "j-dead",
                run,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                "a.py",
                "python",
                "h",
                "p1",
                "print(1)",
                3,
                100,
                true);
        LaneRequest request = new LaneRequest(job, new ModelRef(provider, "m1"), "docs rule", 1);
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(
                Topics.deadLetters(provider), job.jobId(), MessageCodec.LANE_REQUEST.encode(request));
        copy.headers()
                .add(
                        "__dlq.errors.message",
                        "Offset delivery count exceeded the threshold.".getBytes(StandardCharsets.UTF_8));

        try (SinkRunner runner = new SinkRunner(dataDir, group(), Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            producer.plan(plan(run, "default", List.of(job.jobId(), "j-ok")));
            producer.result(success(run, "j-ok", 1, "b.py", Usage.of(10, 0, 0, 5)));
            producer.send(copy);

            await().atMost(WAIT).until(() -> stateOf(http, run).equals("completed"));
            JsonNode status = http.json("/runs/" + run);
            assertThat(status.path("jobs").path("deadLettered").asLong()).isEqualTo(1);
            assertThat(status.path("jobs").path("succeeded").asLong()).isEqualTo(1);
            JsonNode jobs = http.json("/runs/" + run + "/jobs");
            assertThat(jobs.findValuesAsText("reason"))
                    .anySatisfy(r -> assertThat(r).contains("delivery count exceeded"));
        }
    }

    @Test
    void healthSaysLiveAtOnceAndReadyOnceConsuming() {
        try (SinkRunner runner = new SinkRunner(dataDir, group(), Map.of())) {
            SinkHttp http = new SinkHttp(runner.port(), null);
            assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> http.get("/health/ready").statusCode() == 200);
            assertThat(http.get("/runs/no-such-run").statusCode()).isEqualTo(404);
            assertThat(http.get("/runs/no-such-run").body()).contains("no run 'no-such-run'");
        }
    }

    /**
     * Publishes a marker result with the same key as {@code job} (so the same partition, after it) in a
     * run of its own, and waits until the sink has it: everything before it was consumed too.
     */
    private static void awaitConsumedPast(SinkHttp http, String job) {
        String marker = newRunId();
        producer.result(success(marker, job, 1, "marker.py", Usage.of(1, 0, 0, 1)));
        await().atMost(WAIT).until(() -> http.get("/runs/" + marker).statusCode() == 200);
    }

    private static void rewindToStart(String group) throws Exception {
        try (Admin admin =
                Admin.create(KafkaClientProps.admin(KafkaTestBroker.bootstrapServers(), "sink-test-admin"))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.describeTopics(List.of(Topics.RUNS, Topics.RESULTS))
                    .allTopicNames()
                    .get()
                    .forEach((name, d) -> d.partitions()
                            .forEach(
                                    p -> start.put(new TopicPartition(name, p.partition()), new OffsetAndMetadata(0))));
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(group, start).all().get();
                return true;
            });
        }
    }

    private static String stateOf(SinkHttp http, String run) {
        var r = http.get("/runs/" + run);
        return r.statusCode() == 200 ? read(r.body()).path("state").asText() : "unknown";
    }

    private static String group() {
        return "sink-test-" + UUID.randomUUID();
    }

    private static JsonNode read(String json) {
        try {
            return dev.nightshift.core.codec.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
