package dev.nightshift.router.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic read whole, from its beginning, outside any group: state every router needs all of (provider
 * health, the artifact cache, the routing statistics), so replicas decide alike and a restarted router has it
 * again. {@link #open} reads up to the end offsets it finds, so nothing is routed before the state is known; the
 * loop then follows the topic between batches. Until the topic exists (its producer creates it) it looks again
 * every few seconds. Used on the router loop's thread only.
 */
abstract class CompactedTopicSource implements RouterLoop.StateSource {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicSource.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final long LOOK_AGAIN_NANOS = Duration.ofSeconds(5).toNanos();

    private final String bootstrap;
    private final String topic;
    private final String clientId;
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions = List.of();
    private long nextLook;

    CompactedTopicSource(String bootstrap, String topic, String clientId) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.clientId = clientId;
    }

    /** Takes in one record of the topic (a {@code null} value is a tombstone); must not throw for bad content. */
    abstract void accept(ConsumerRecord<String, byte[]> record);

    /** What the state is, for log lines ("the artifact cache"). */
    abstract String what();

    /** How many keys the state holds, for log lines. */
    abstract int size();

    @Override
    public void open() {
        consumer = new KafkaConsumer<>(StandaloneConsumers.props(bootstrap, clientId));
        if (assign()) {
            catchUp(OPEN_TIMEOUT);
            LOG.atInfo().addKeyValue("keys", size()).log("{} read", what());
        }
    }

    @Override
    public void poll() {
        if (!assigned()) {
            return;
        }
        try {
            consumer.poll(Duration.ZERO).forEach(this::accept);
        } catch (KafkaException e) {
            LOG.atWarn().log("cannot read {}: {}", what(), e.toString());
        }
    }

    /** Whether the topic is assigned, trying again when it was not and a while has passed. */
    final boolean assigned() {
        return !partitions.isEmpty() || assign();
    }

    /**
     * Reads until every partition's position reaches the end offset found now, or the timeout passes. State it could
     * not read only costs money (a job routed by the chain's order, or paid for again), never correctness.
     */
    final void catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    LOG.atWarn()
                            .addKeyValue("keys", size())
                            .log("{} not read to its end within {}; the rest follows", what(), timeout);
                    return;
                }
                consumer.poll(Duration.ofMillis(100)).forEach(this::accept);
            }
        } catch (KafkaException e) {
            LOG.atWarn().log("cannot read {}: {}", what(), e.toString());
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private boolean assign() {
        long now = System.nanoTime();
        if (now < nextLook) {
            return false;
        }
        nextLook = now + LOOK_AGAIN_NANOS;
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(2));
        } catch (KafkaException e) {
            return false;
        }
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
