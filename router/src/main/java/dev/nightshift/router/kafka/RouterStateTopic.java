package dev.nightshift.router.kafka;

import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.engine.StateChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's state on {@link Topics#ROUTER_STATE}: state changes become records in their tenant's partition, and a
 * partition given to the router is read back whole (it is compacted: the latest record per key is the state).
 */
public final class RouterStateTopic {
    private static final Logger LOG = LoggerFactory.getLogger(RouterStateTopic.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final String bootstrap;
    private final int partitions;

    private RouterStateTopic(String bootstrap, int partitions) {
        this.bootstrap = bootstrap;
        this.partitions = partitions;
    }

    /**
     * The state topic of a router whose input topics are {@code coPartitioned}: refuses to start unless they and the
     * state topic have one partition count, since a tenant's records must sit at one partition number on each.
     */
    public static RouterStateTopic checked(String bootstrap, Collection<String> coPartitioned) {
        List<String> names = new ArrayList<>(coPartitioned);
        names.add(Topics.ROUTER_STATE);
        Map<String, Integer> counts = new TreeMap<>();
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-router-admin"))) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            described.forEach((name, d) -> counts.put(name, d.partitions().size()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the router's topics at " + bootstrap + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the router's topics", e);
        }
        if (counts.values().stream().distinct().count() != 1) {
            throw new IllegalStateException("the router's topics must have one partition count, so that a tenant's"
                    + " records share a partition number on each; found " + counts + " on " + bootstrap
                    + ". Topics made by an older version: let its runs finish, then raise each to "
                    + Topics.WORK_PARTITIONS + " partitions (kafka-topics.sh --alter --partitions "
                    + Topics.WORK_PARTITIONS + ") or delete them");
        }
        return new RouterStateTopic(bootstrap, counts.get(Topics.ROUTER_STATE));
    }

    /** The partition number a tenant's records have on every co-partitioned topic. */
    public int partitionOf(String tenant) {
        return RecordKeys.partition(RecordKeys.tenant(tenant), partitions);
    }

    public List<ProducerRecord<String, byte[]>> records(List<StateChange> changes) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(changes.size());
        for (StateChange c : changes) {
            byte[] value = c.state() == null ? null : RouterState.CODEC.encode(c.state());
            records.add(new ProducerRecord<>(Topics.ROUTER_STATE, partitionOf(c.tenant()), c.key(), value));
        }
        return records;
    }

    /** Reads the given partitions to their end and hands each key's latest state to {@code into}, oldest first. */
    public void restore(Collection<Integer> partitionNumbers, Consumer<RouterState> into) {
        if (partitionNumbers.isEmpty()) {
            return;
        }
        Properties props = KafkaClientProps.consumer(bootstrap, "nightshift-router-state", "unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<TopicPartition> tps = partitionNumbers.stream()
                .map(p -> new TopicPartition(Topics.ROUTER_STATE, p))
                .toList();
        Map<String, byte[]> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(tps));
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                    latest.remove(r.key());
                    if (r.value() != null) {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        int taken = 0;
        for (Map.Entry<String, byte[]> e : latest.entrySet()) {
            try {
                into.accept(RouterState.CODEC.decode(e.getValue()));
                taken++;
            } catch (RuntimeException ex) {
                // A record this version cannot read: logged by key (never by content) and skipped.
                LOG.atError()
                        .addKeyValue("key", e.getKey())
                        .log("skipping unreadable router state: {}", ex.getMessage());
            }
        }
        LOG.atInfo().log("router state taken up for partitions {}: {} records", partitionNumbers, taken);
    }
}
