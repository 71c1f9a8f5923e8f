package dev.nightshift.sink.cache;

import dev.nightshift.core.cache.CacheAnnouncement;
import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.kafka.KafkaClientProps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces stored artifacts on the compacted {@value CacheTopics#ARTIFACTS} topic (key: content key and
 * simulated-or-real; value {@code {"runId","jobId","store"}}), so that the router can serve the same work from the
 * cache. Called only after the batch that stored them is durable: an announced artifact is always in the
 * store. A failed announcement is logged, not retried forever — the only cost is that the work is paid
 * for again in a later run; it never serves a job an artifact the sink does not have.
 */
public final class CachePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CachePublisher.class);
    private final KafkaProducer<String, byte[]> producer;
    private final String storeId;

    /** @param storeId the identity of the store that holds the announced artifacts ({@code SinkStore.id()}) */
    public CachePublisher(String bootstrap, String storeId) {
        this.producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "nightshift-sink-cache"));
        this.storeId = storeId;
    }

    /** Publishes the entries and waits for their acknowledgements. */
    public void publish(List<CacheEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(entries.size());
        try {
            for (CacheEntry e : entries) {
                sends.add(producer.send(new ProducerRecord<>(CacheTopics.ARTIFACTS, e.topicKey(), value(e, storeId))));
            }
            producer.flush();
        } catch (KafkaException e) {
            LOG.atWarn()
                    .addKeyValue("entries", entries.size())
                    .log("cannot announce cached artifacts: {}", e.toString());
            return;
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                LOG.atWarn()
                        .addKeyValue("runId", entries.get(i).runId())
                        .addKeyValue("jobId", entries.get(i).jobId())
                        .log(
                                "cached artifact not announced (it will be paid for again): {}",
                                e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static byte[] value(CacheEntry e, String storeId) {
        return new CacheAnnouncement(e.runId(), e.jobId(), storeId).encode();
    }

    @Override
    public void close() {
        producer.close();
    }
}
