package dev.nightshift.worker.batch;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches in flight on the compacted {@code nightshift.batches} topic: each batch's record and each member's lane
 * request under keys of their own, written with acks from every replica before the lane goes on, tombstoned once the
 * batch's attempts are published; read back whole when a worker takes up a provider's batch lane.
 */
public final class BatchStore {
    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);

    private final Producer<String, byte[]> producer;
    private final String bootstrap;

    public BatchStore(Producer<String, byte[]> producer, String bootstrap) {
        this.producer = producer;
        this.bootstrap = bootstrap;
    }

    /** Writes a batch's record and, when it is first written down, its members. Completes once Kafka has them. */
    public CompletableFuture<Void> write(PendingBatch batch, boolean withMembers) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        if (withMembers) {
            batch.members()
                    .forEach((customId, request) -> sent.add(send(
                            BatchRecord.memberKey(batch.record().batchId(), customId),
                            MessageCodec.LANE_REQUEST.encode(request))));
        }
        sent.add(send(batch.record().key(), batch.record().encode()));
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** Tombstones the batch's record and its members: it is over. */
    public CompletableFuture<Void> forget(BatchRecord record) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        record.members().forEach(m -> sent.add(send(BatchRecord.memberKey(record.batchId(), m), null)));
        sent.add(send(record.key(), null));
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    // The callback carries the outcome into the future, so the Future that send returns has nothing more to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private CompletableFuture<Void> send(String key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.BATCHES, key, value), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Every batch of {@code provider} written down and not yet forgotten, read from the topic's beginning to its end.
     * Blocks: called on the batch lane's own thread.
     */
    public List<PendingBatch> readBack(String provider, String clientId) {
        Properties props = KafkaClientProps.consumer(bootstrap, clientId, "unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        Map<String, BatchRecord> records = new LinkedHashMap<>();
        Map<String, LaneRequest> members = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.BATCHES, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> c.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    read(r, records, members);
                }
            }
        }
        List<PendingBatch> pending = new ArrayList<>();
        for (BatchRecord record : records.values()) {
            if (!record.provider().equals(provider)) {
                continue;
            }
            Map<String, LaneRequest> mine = new LinkedHashMap<>();
            for (String m : record.members()) {
                LaneRequest request = members.get(BatchRecord.memberKey(record.batchId(), m));
                if (request != null) {
                    mine.put(m, request);
                }
            }
            pending.add(new PendingBatch(record, mine));
        }
        return pending;
    }

    private static void read(
            ConsumerRecord<String, byte[]> r, Map<String, BatchRecord> records, Map<String, LaneRequest> members) {
        String key = r.key();
        if (key == null) {
            return;
        }
        boolean isBatch = key.startsWith("batch/");
        if (r.value() == null) {
            (isBatch ? records : members).remove(key);
            return;
        }
        try {
            if (isBatch) {
                records.put(key, BatchRecord.decode(r.value()));
            } else if (key.startsWith("member/")) {
                members.put(key, MessageCodec.LANE_REQUEST.decode(r.value()));
            }
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("key", key)
                    .addKeyValue("offset", r.offset())
                    .log("skipping an unreadable record of the batches in flight: " + e.getMessage());
        }
    }
}
