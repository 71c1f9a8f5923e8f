package dev.nightshift.worker.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A lane record of a stopped run is acknowledged without calling anyone; the run's resumed jobs are called. */
class StoppedRunLaneIT {
    private static final Duration LOCK = Duration.ofSeconds(15);

    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final Vertx vertx = Vertx.vertx();
    private final String provider = "stops-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> called = new CopyOnWriteArrayList<>();
    private final LaneHandler handler = (request, deliveryCount) -> {
        called.add(request.job().jobId());
        return Future.succeededFuture(Disposition.ACCEPT);
    };

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void aRecordOfAStoppedRunIsAcknowledgedAndNeverReachesTheHandler() throws Exception {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "test-admin-" + provider));
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "test-" + provider))) {
            LaneTopology.ensure(admin, Set.of(provider), Topics.LANE_PARTITIONS, LOCK, 5);
            String stoppedRun = "run-" + UUID.randomUUID();
            // interrupted at generation 0, then resumed as generation 1: the first plan's queued jobs stay stopped
            RunControl control = RunControl.resumed(stoppedRun, 1, Instant.now());
            RunStops stops = (runId, generation) -> runId.equals(stoppedRun) && control.stops(generation);
            Job old = TestJobs.job(stoppedRun, "src/Old.java", TaskType.DOCS);
            Job resumed = TestJobs.job(stoppedRun, "src/Resumed.java", TaskType.DOCS);
            Job other = TestJobs.job("run-" + UUID.randomUUID(), "src/Other.java", TaskType.DOCS);

            put(producer, old, 0);
            put(producer, resumed, 1);
            put(producer, other, 0);
            LanePoller poller = poller(stops);
            Thread thread = start(poller, "test-lane-" + provider);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(called).containsExactlyInAnyOrder(resumed.jobId(), other.jobId());
                assertThat(poller.held())
                        .as("every record acknowledged, the stopped one too")
                        .isZero();
            });
            poller.stop();
            thread.join(30_000);
            assertThat(thread.isAlive()).isFalse();

            // A second worker that stops nothing is not given the stopped record again: it was accepted, not released.
            Job marker = TestJobs.job("run-" + UUID.randomUUID(), "src/Marker.java", TaskType.DOCS);
            put(producer, marker, 0);
            LanePoller second = poller(RunStops.NONE);
            Thread secondThread = start(second, "test-lane-2-" + provider);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(called).contains(marker.jobId());
                assertThat(second.held()).isZero();
            });
            second.stop();
            secondThread.join(30_000);
            assertThat(secondThread.isAlive()).isFalse();

            assertThat(called)
                    .doesNotContain(old.jobId())
                    .containsOnlyOnce(resumed.jobId(), other.jobId(), marker.jobId());
        }
    }

    private static Thread start(LanePoller poller, String name) {
        Thread thread = new Thread(poller, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private LanePoller poller(RunStops stops) {
        return new LanePoller(
                provider,
                KafkaClientProps.shareConsumer(
                        bootstrap, "test-" + provider + "-" + UUID.randomUUID(), Topics.workerGroup(provider), 10),
                Topics.lane(provider),
                () -> 4,
                vertx.getOrCreateContext(),
                handler,
                LOCK,
                Duration.ofSeconds(5),
                stops);
    }

    private void put(KafkaProducer<String, byte[]> producer, Job job, int generation) throws Exception {
        LaneRequest request = TestJobs.lane(provider, job);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.lane(provider), job.jobId(), MessageCodec.LANE_REQUEST.encode(request));
        Generations.put(record.headers(), generation);
        producer.send(record).get();
    }
}
