package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestVerticleIT {
    @TempDir
    Path tmp;

    Vertx vertx;
    String bootstrap;

    @BeforeEach
    void deploy() {
        bootstrap = KafkaTestBroker.bootstrapServers();
        vertx = Vertx.vertx();
        vertx.deployVerticle(new IngestVerticle(SampleRepository.config(), bootstrap, tmp.resolve("cache")))
                .await();
    }

    @AfterEach
    void undeploy() {
        vertx.close().await();
    }

    @Test
    void plansTheRunsRequestedOnTheRequestsTopic() throws Exception {
        // Given
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));
        RunRequest request = RunPlanning.request(repo.dir.toString(), "v1", TaskType.TESTS);

        // When
        send(request);

        // Then
        RunPlanned plan = awaitPlan(request.runId());
        assertThat(plan.commit()).isEqualTo(repo.firstCommit);
        // The Python and JavaScript files get test jobs; the Java file has no build that would run its test.
        assertThat(plan.jobIds()).hasSize(2);
        assertThat(plan.skipped()).anySatisfy(s -> {
            assertThat(s.path()).isEqualTo("src/main/java/com/acme/Greeter.java");
            assertThat(s.reason()).isEqualTo("untestable:no-test-placement");
        });
        assertThat(plan.task()).isEqualTo(TaskType.TESTS);
    }

    @Test
    void answersARequestWithBadInputWithARejectedPlanOfZeroJobs() throws Exception {
        // Given
        RunRequest request = RunPlanning.request(tmp.resolve("missing").toString(), null, TaskType.DOCS);

        // When
        send(request);

        // Then
        RunPlanned plan = awaitPlan(request.runId());
        assertThat(plan.jobIds()).isEmpty();
        assertThat(plan.skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.reason()).startsWith("rejected: ").contains("does not exist"));
    }

    private void send(RunRequest request) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "ingest-test"))) {
            byte[] value = MessageCodec.RUN_REQUEST.encode(request);
            producer.send(new ProducerRecord<>(Topics.REQUESTS, request.runId(), value))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private RunPlanned awaitPlan(String runId) {
        try (TopicReader runs = new TopicReader(bootstrap, Topics.RUNS)) {
            return await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> runs.poll().stream()
                                    .map(r -> MessageCodec.RUN_PLANNED.decode(r.value()))
                                    .filter(p -> p.runId().equals(runId))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
        }
    }
}
