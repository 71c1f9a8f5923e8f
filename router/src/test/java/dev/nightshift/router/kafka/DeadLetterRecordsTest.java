package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.Engines;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.engine.Outbound;
import dev.nightshift.router.engine.RouterEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A dead-lettered lane request is read by whichever router holds the one-partition dead-letter topic; it is handed on
 * the retry topic, keyed by tenant, to the router that owns the job's budget and window place, which ends the job.
 */
class DeadLetterRecordsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    private final RouterEngine engine = engine();
    private final TopicDispatcher dispatcher = new TopicDispatcher(engine);

    private static RouterEngine engine() {
        return Engines.coreRouting(CONFIG, NOW);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, int partition) {
        return new ConsumerRecord<>(
                sent.topic(),
                partition,
                0,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                sent.key(),
                sent.value(),
                sent.headers(),
                Optional.empty());
    }

    @Test
    void aDeadLetterGoesToTheOwnerOfItsTenantWhichEndsTheJob() {
        Job job = Jobs.job("r-dead", "src/A.java", TaskType.TESTS, 500);
        List<Outbound> routed = engine.onJob(job);
        LaneRequest request = ((Outbound.ToLane) routed.get(0)).request();
        assertThat(engine.jobsInFlight()).isEqualTo(1);
        ProducerRecord<String, byte[]> deadLetter = new ProducerRecord<>(
                Topics.deadLetters(request.model().provider()), job.jobId(), MessageCodec.LANE_REQUEST.encode(request));

        // The router reading the dead letter hands it on, keyed by the job's tenant, and keeps nothing of it
        List<Outbound> handedOn = dispatcher.handle(consumed(deadLetter, 0));
        assertThat(handedOn).singleElement().isInstanceOf(Outbound.DeadLetterToOwner.class);
        ProducerRecord<String, byte[]> onRetry = OutboundRecords.toRecord(handedOn.get(0));
        assertThat(onRetry.topic()).isEqualTo(Topics.RETRY);
        assertThat(onRetry.key()).isEqualTo("acme");
        assertThat(engine.jobsInFlight()).isEqualTo(1);

        // The owner reads it from the retry topic: the job ends and its place in the window is free
        assertThat(dispatcher.handle(consumed(onRetry, 3))).isEmpty();
        assertThat(engine.jobsInFlight()).isZero();
    }
}
