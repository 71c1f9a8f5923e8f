package dev.nightshift.router.kafka;

import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.codec.Json;
import dev.nightshift.router.engine.CachedWork;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact cache's entries, read whole from the compacted {@value CacheTopics#ARTIFACTS} topic outside any
 * group (every router needs every entry). {@link #open} reads from the beginning up to the end offsets it
 * finds, so no job is routed before the cache is known; then the loop keeps following the topic, and before
 * each batch the source catches up to the current end offsets, so an artifact the sink announced before a job
 * was consumed is always seen. Used on the router loop's thread only. Holds keys only (about 50 bytes each).
 */
public final class CacheSource implements RouterLoop.StateSource, CachedWork {
    private static final Logger LOG = LoggerFactory.getLogger(CacheSource.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

    private final String bootstrap;
    private final String trustedStore;
    private final Set<String> entries = new HashSet<>();
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions = List.of();
    private long nextLook;

    /** Trusts every entry: a cluster has one sink, whose entries are the only ones on the topic. */
    public CacheSource(String bootstrap) {
        this(bootstrap, null);
    }

    /**
     * @param trustedStore the sink store whose entries to serve ({@code null}: any); a router beside its sink in one
     *                     process knows it, and so never serves an artifact its sink cannot deliver — another
     *                     pipeline's on a shared broker, or one from before the store was reset
     */
    public CacheSource(String bootstrap, String trustedStore) {
        this.bootstrap = bootstrap;
        this.trustedStore = trustedStore;
    }

    @Override
    public boolean has(String entry) {
        return entries.contains(entry);
    }

    /** Entries known. */
    public int size() {
        return entries.size();
    }

    @Override
    public void open() {
        consumer = new KafkaConsumer<>(StandaloneConsumers.props(bootstrap, "nightshift-router-cache"));
        if (assign()) {
            catchUp(OPEN_TIMEOUT);
            LOG.atInfo().addKeyValue("entries", entries.size()).log("artifact cache read");
        }
    }

    @Override
    public void poll() {
        if (partitions.isEmpty() && !assign()) {
            return;
        }
        read(consumer.poll(Duration.ZERO));
    }

    @Override
    public void beforeBatch() {
        if (partitions.isEmpty() && !assign()) {
            return;
        }
        catchUp(CATCH_UP_TIMEOUT);
    }

    /** Reads until every partition's position reaches the end offset found now (or the timeout passes). */
    private void catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reached(end)) {
                if (System.nanoTime() > deadline) {
                    LOG.atWarn().addKeyValue("entries", entries.size())
                            .log("artifact cache not read to its end within {}; some jobs may be paid for again", timeout);
                    return;
                }
                read(consumer.poll(Duration.ofMillis(100)));
            }
        } catch (KafkaException e) {
            // A cache we cannot read only costs money (jobs are routed), never correctness.
            LOG.atWarn().log("cannot read the artifact cache: {}", e.toString());
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
            if (r.key() == null) {
                continue;
            }
            if (r.value() == null) {
                entries.remove(r.key()); // a tombstone: the artifact was evicted
            } else if (trusted(r.value())) {
                entries.add(r.key());
            }
        }
    }

    private boolean trusted(byte[] value) {
        if (trustedStore == null) {
            return true;
        }
        try {
            return trustedStore.equals(Json.mapper().readTree(value).path(CacheTopics.STORE_FIELD).asText(null));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private boolean assign() {
        long now = System.nanoTime();
        if (now < nextLook) {
            return false;
        }
        nextLook = now + LOOK_AGAIN.toNanos();
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(CacheTopics.ARTIFACTS, Duration.ofSeconds(2));
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
