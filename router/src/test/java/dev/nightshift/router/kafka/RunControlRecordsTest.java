package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.RunControl;
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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A job's generation in and out of the router: read from a planned job's header, written on its lane record. */
class RunControlRecordsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");

    private final RouterEngine engine = engine();
    private final TopicDispatcher dispatcher = new TopicDispatcher(engine);
    private long offset;

    private static RouterEngine engine() {
        return Engines.coreRouting(CONFIG, NOW);
    }

    private ConsumerRecord<String, byte[]> jobRecord(Job job, Integer generation) {
        RecordHeaders headers = new RecordHeaders();
        if (generation != null) {
            Generations.put(headers, generation);
        }
        return new ConsumerRecord<>(
                Topics.JOBS,
                0,
                offset++,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                job.jobId(),
                MessageCodec.JOB.encode(job),
                headers,
                Optional.empty());
    }

    @Test
    void aLaneRecordCarriesItsJobsGenerationAsAHeader() {
        Job job = Jobs.job("r-h", "src/A.java", TaskType.TESTS, 500);
        LaneRequest request = new LaneRequest(job, DEEPSEEK, "tests-cheap", 1);

        ProducerRecord<String, byte[]> record = OutboundRecords.toRecord(new Outbound.ToLane(request, 2));

        assertThat(record.topic()).isEqualTo(Topics.lane("deepseek"));
        assertThat(record.headers().lastHeader(Generations.HEADER)).isNotNull();
        assertThat(Generations.of(record.headers())).isEqualTo(2);
        assertThat(MessageCodec.LANE_REQUEST.decode(record.value()))
                .as("the message itself is unchanged")
                .isEqualTo(request);
    }

    @Test
    void aLaneRecordOfTheFirstPlanHasNoGenerationHeader() {
        LaneRequest request =
                new LaneRequest(Jobs.job("r-h0", "src/A.java", TaskType.TESTS, 500), DEEPSEEK, "tests-cheap", 1);

        ProducerRecord<String, byte[]> record = OutboundRecords.toRecord(new Outbound.ToLane(request));

        assertThat(record.headers().toArray()).isEmpty();
    }

    @Test
    void theDispatcherRoutesAJobWithTheGenerationOfItsRecordsHeader() {
        Job job = Jobs.job("r-d", "src/A.java", TaskType.TESTS, 500);

        List<Outbound> out = dispatcher.handle(jobRecord(job, 3));

        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        Outbound.ToLane lane = (Outbound.ToLane) out.get(0);
        assertThat(lane.generation()).isEqualTo(3);
        assertThat(Generations.of(OutboundRecords.toRecord(lane).headers()))
                .as("and passes it on to the lane")
                .isEqualTo(3);
    }

    @Test
    void theDispatcherDropsAnInterruptedRunsOldJobsAndRoutesItsResumedOnes() {
        engine.onRunControl(RunControl.interrupted("r-d2", 0, NOW, "Ctrl-C"));

        List<Outbound> old = dispatcher.handle(jobRecord(Jobs.job("r-d2", "src/A.java", TaskType.TESTS, 500), null));
        List<Outbound> resumed = dispatcher.handle(jobRecord(Jobs.job("r-d2", "src/B.java", TaskType.TESTS, 500), 1));

        assertThat(old).as("a record without the header is the first plan's").isEmpty();
        assertThat(resumed).singleElement().isInstanceOf(Outbound.ToLane.class);
        assertThat(((Outbound.ToLane) resumed.get(0)).generation()).isEqualTo(1);
    }
}
