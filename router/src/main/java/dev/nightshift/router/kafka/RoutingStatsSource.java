package dev.nightshift.router.kafka;

import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.learning.RoutingStats;
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
 * The routing statistics, read whole from the compacted {@value Topics#ROUTING_STATS} topic outside any group: every
 * router needs every cell, so replicas route by the same figures and a restarted router has them again. {@link #open}
 * reads from the beginning to the end offsets it finds, so no job is routed before the figures are known; the loop
 * then follows the topic between batches (a figure a few seconds old routes as well as the newest). Used on the
 * router loop's thread only; the {@link RoutingStats} it fills may be read from anywhere.
 */
public final class RoutingStatsSource implements RouterLoop.StateSource {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStatsSource.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final long LOOK_AGAIN_NANOS = Duration.ofSeconds(5).toNanos();

    private final String bootstrap;
    private final RoutingStats stats;
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions = List.of();
    private long nextLook;

    public RoutingStatsSource(String bootstrap, RoutingStats stats) {
        this.bootstrap = bootstrap;
        this.stats = stats;
    }

    @Override
    public void open() {
        consumer = new KafkaConsumer<>(StandaloneConsumers.props(bootstrap, "nightshift-router-routing-stats"));
        if (assign()) {
            readToEnd();
            LOG.atInfo().addKeyValue("cells", stats.size()).log("routing statistics read");
        }
    }

    @Override
    public void poll() {
        if (partitions.isEmpty() && !assign()) {
            return;
        }
        try {
            read(consumer.poll(Duration.ZERO));
        } catch (KafkaException e) {
            LOG.atWarn().log("cannot read the routing statistics: {}", e.toString());
        }
    }

    /** Reads until every partition's position reaches the end offset found now, or the timeout passes. */
    private void readToEnd() {
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, OPEN_TIMEOUT);
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    LOG.atWarn().addKeyValue("cells", stats.size())
                            .log("routing statistics not read to their end within {}; the rest follows", OPEN_TIMEOUT);
                    return;
                }
                read(consumer.poll(Duration.ofMillis(100)));
            }
        } catch (KafkaException e) {
            // Without figures the strategy routes by the chain's order: it costs money, never correctness.
            LOG.atWarn().log("cannot read the routing statistics: {}", e.toString());
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

    private void read(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                if (r.value() == null) {
                    if (r.key() != null) {
                        stats.remove(CellKey.parse(r.key()));
                    }
                } else {
                    stats.put(RoutingCell.CODEC.decode(r.value()));
                }
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("cell", r.key()).log("ignoring an unreadable routing statistics record: {}", e.getMessage());
            }
        }
    }

    private boolean assign() {
        long now = System.nanoTime();
        if (now < nextLook) {
            return false;
        }
        nextLook = now + LOOK_AGAIN_NANOS;
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(Topics.ROUTING_STATS, Duration.ofSeconds(2));
        } catch (KafkaException e) {
            return false;
        }
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
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
