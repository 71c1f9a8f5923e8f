package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.engine.JobLookup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds routed jobs again by their position on {@code nightshift.jobs}: the router remembers where each job
 * it routed sits (a few dozen bytes per job in flight, not its content, which may be megabytes) and reads it
 * back from the topic when the job needs another attempt. Positions are forgotten when the job ends, and
 * lost when the router restarts (see README). Used on the router loop's thread only.
 */
public final class KafkaJobLookup implements JobLookup, RouterLoop.StateSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaJobLookup.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final Map<String, Position> positions = new HashMap<>();
    private KafkaConsumer<String, byte[]> reader;

    public KafkaJobLookup(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Remembers where a consumed job sits. */
    public void remember(Job job, int partition, long offset) {
        positions.put(key(job.runId(), job.jobId()), new Position(partition, offset));
    }

    @Override
    public Optional<Job> find(String runId, String jobId) {
        Position at = positions.get(key(runId, jobId));
        if (at == null) {
            return Optional.empty();
        }
        TopicPartition tp = new TopicPartition(Topics.JOBS, at.partition);
        KafkaConsumer<String, byte[]> c = reader();
        c.assign(List.of(tp));
        c.seek(tp, at.offset);
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                if (r.offset() == at.offset) {
                    Job job = MessageCodec.JOB.decode(r.value());
                    if (job.runId().equals(runId) && job.jobId().equals(jobId)) {
                        return Optional.of(job);
                    }
                    return Optional.empty();
                }
            }
        }
        LOG.atWarn().addKeyValue("runId", runId).addKeyValue("jobId", jobId)
                .log("job not readable at {}@{} within {}", tp, at.offset, FETCH_TIMEOUT);
        return Optional.empty();
    }

    @Override
    public void forget(String runId, String jobId) {
        positions.remove(key(runId, jobId));
    }

    /** Jobs whose positions are held. */
    public int size() {
        return positions.size();
    }

    @Override
    public void open() {
    }

    @Override
    public void poll() {
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        if (reader == null) {
            Properties props = StandaloneConsumers.props(bootstrap, "nightshift-router-job-reader");
            // One job is wanted, not the megabytes after it: the broker still returns the whole first batch at the
            // offset (a fetch never returns less than one batch), so the job arrives in one round trip.
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1");
            props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            reader = new KafkaConsumer<>(props);
        }
        return reader;
    }

    private static String key(String runId, String jobId) {
        return runId + "/" + jobId;
    }

    private record Position(int partition, long offset) {
    }
}
