package dev.nightshift.sink.routing;

import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sink.store.StoreKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes changed routing statistics cells on the compacted {@value Topics#ROUTING_STATS} topic, keyed by cell id,
 * after the batch that changed them is durable — so a router never reads a figure the store does not hold. Each
 * changed cell carries an "unpublished" mark written in its batch; the mark is cleared once Kafka acknowledged the
 * cell. A cell whose send failed is sent again after the next batch; after a crash, {@link #publishUnpublished()}
 * sends exactly the marked cells when the sink starts, and nothing else (the topic already holds the rest).
 * Single-threaded: the sink's consumer thread calls it, after start-up.
 */
public final class RoutingStatsPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStatsPublisher.class);
    private final SinkStore store;
    private final KafkaProducer<String, byte[]> producer;
    /** Cells whose last send failed, latest value per cell id. */
    private final Map<String, RoutingCell> retry = new LinkedHashMap<>();

    public RoutingStatsPublisher(String bootstrap, SinkStore store) {
        this.store = store;
        this.producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "nightshift-sink-routing-stats"));
    }

    /** Sends the cells a crash or a failed send left unpublished; call once at start, before the consumer runs. */
    public int publishUnpublished() {
        List<RoutingCell> marked = StoredRoutingCells.unpublished(store);
        publish(marked);
        return marked.size();
    }

    /** Publishes the cells (and any left from a failed send), waits for the acknowledgements, clears their marks. */
    public void publish(List<RoutingCell> cells) {
        for (RoutingCell cell : cells) {
            retry.put(cell.cell().id(), cell);
        }
        if (retry.isEmpty()) {
            return;
        }
        List<RoutingCell> sending = new ArrayList<>(retry.values());
        List<Future<RecordMetadata>> sends = new ArrayList<>(sending.size());
        try {
            for (RoutingCell cell : sending) {
                sends.add(producer.send(
                        new ProducerRecord<>(Topics.ROUTING_STATS, cell.cell().id(), RoutingCell.CODEC.encode(cell))));
            }
            producer.flush();
        } catch (KafkaException e) {
            LOG.atWarn()
                    .addKeyValue("cells", sending.size())
                    .log("cannot publish routing statistics (sent again later): {}", e.toString());
            return;
        }
        List<String> acknowledged = new ArrayList<>(sending.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
                acknowledged.add(sending.get(i).cell().id());
            } catch (ExecutionException e) {
                LOG.atWarn()
                        .addKeyValue("cell", sending.get(i).cell().id())
                        .log(
                                "routing statistics cell not published (sent again later): {}",
                                e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        acknowledged.forEach(retry::remove);
        clearMarks(acknowledged);
    }

    /**
     * A mark that could not be cleared (or a crash before it was) only means the cell is published once more at the
     * next start, which the compacted topic absorbs.
     */
    private void clearMarks(List<String> cellIds) {
        if (cellIds.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (String id : cellIds) {
                batch.delete(store.handle(Cf.ROUTING), StoreKeys.routingUnpublished(id));
            }
            store.write(batch);
        } catch (RocksDBException | StoreException e) {
            LOG.atWarn()
                    .log(
                            "cannot clear the marks of published routing statistics (published again at start): {}",
                            e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
