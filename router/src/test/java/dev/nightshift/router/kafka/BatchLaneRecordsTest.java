package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.Engines;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.engine.Outbound;
import dev.nightshift.router.engine.RouterEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A run plan's deadline reaches the engine from {@code nightshift.runs}; the lane requests it makes on the batch tier
 * are records of the provider's batch lane, keyed and encoded as on its synchronous lane.
 */
class BatchLaneRecordsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    private final RouterEngine engine = Engines.coreRouting(CONFIG, NOW);
    private final TopicDispatcher dispatcher = new TopicDispatcher(engine);

    private static ConsumerRecord<String, byte[]> consumed(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(
                topic,
                0,
                0,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                new org.apache.kafka.common.header.internals.RecordHeaders(),
                Optional.empty());
    }

    private void plan(String runId, Instant deadline) {
        RunPlanned plan = new RunPlanned(
                        runId,
                        "acme",
                        "/repo/" + runId,
                        "c0ffee",
                        TaskType.DOCS,
                        List.of("j"),
                        800,
                        List.of(),
                        true,
                        NOW)
                .withDeadline(deadline);
        dispatcher.handle(consumed(Topics.RUNS, RecordKeys.tenant("acme"), MessageCodec.RUN_PLANNED.encode(plan)));
    }

    private ProducerRecord<String, byte[]> routed(Job job) {
        List<Outbound> out =
                dispatcher.handle(consumed(Topics.JOBS, RecordKeys.tenant("acme"), MessageCodec.JOB.encode(job)));
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return OutboundRecords.toRecord(out.get(0));
    }

    @Test
    void aBatchRequestIsARecordOfItsProvidersBatchLane() {
        // Given: a plan whose results are needed in nine hours
        plan("r-night", NOW.plus(Duration.ofHours(9)));
        Job job = Jobs.job("r-night", "src/A.java", TaskType.DOCS, 800);

        // When
        ProducerRecord<String, byte[]> record = routed(job);

        // Then
        assertThat(record.topic()).isEqualTo(Topics.batchLane("gemini")).isEqualTo("nightshift.batch-lane.gemini");
        assertThat(record.key()).isEqualTo(job.jobId());
        LaneRequest request = MessageCodec.LANE_REQUEST.decode(record.value());
        assertThat(request.tier()).isEqualTo(ServiceTier.BATCH);
        assertThat(request.job()).isEqualTo(job);
    }

    @Test
    void aRequestOfARunWithoutADeadlineIsARecordOfTheSynchronousLane() {
        // Given
        plan("r-day", null);

        // When
        ProducerRecord<String, byte[]> record = routed(Jobs.job("r-day", "src/A.java", TaskType.DOCS, 800));

        // Then
        assertThat(record.topic()).isEqualTo(Topics.lane("gemini"));
        assertThat(MessageCodec.LANE_REQUEST.decode(record.value()).tier()).isEqualTo(ServiceTier.STANDARD);
    }
}
