package dev.nightshift.core.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code nightshift.run-control} on a thread of its own, from its beginning and outside any group, so any
 * thread may ask whether a run is stopped. A reader a moment behind only starts a job that was about to be stopped,
 * which is the harmless direction: a resumed run's jobs carry a newer generation than the stop (see
 * {@link RunControl}), so they are never held back by what the reader has not seen yet.
 */
public final class RunControlFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunControlFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(2);

    private final Map<String, RunControl> latest = new ConcurrentHashMap<>();
    private final Properties props;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public RunControlFollower(String bootstrap, String clientId) {
        Properties p = KafkaClientProps.consumer(bootstrap, clientId, "unused");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        this.props = p;
        this.thread = new Thread(this::follow, clientId);
        thread.setDaemon(true);
    }

    public RunControlFollower start() {
        thread.start();
        return this;
    }

    /** The run's standing as last read; empty for a run nobody stopped. */
    public Optional<RunControl> latest(String runId) {
        return Optional.ofNullable(latest.get(runId));
    }

    /** Whether a job of this run and generation must not start. */
    public boolean stops(String runId, int generation) {
        RunControl control = latest.get(runId);
        return control != null && control.stops(generation);
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            while (running && !assign(c)) {
                pause(LOOK_AGAIN);
            }
            while (running) {
                try {
                    c.poll(POLL).forEach(this::accept);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.atWarn().log("cannot read {}: {}", Topics.RUN_CONTROL, e.toString());
                    pause(LOOK_AGAIN);
                }
            }
        } catch (WakeupException e) {
            // close() was called
        }
    }

    private boolean assign(KafkaConsumer<String, byte[]> c) {
        try {
            List<PartitionInfo> infos = c.partitionsFor(Topics.RUN_CONTROL, Duration.ofSeconds(2));
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            return true;
        } catch (KafkaException e) {
            return false;
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            RunControl control = MessageCodec.RUN_CONTROL.decode(record.value());
            latest.put(control.runId(), control);
        } catch (MessageCodec.CodecException e) {
            LOG.atWarn()
                    .addKeyValue("offset", record.offset())
                    .log("skipping an unreadable run control record: {}", e.getMessage());
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
