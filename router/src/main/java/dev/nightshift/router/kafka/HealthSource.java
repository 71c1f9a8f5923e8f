package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted health topic whole, from its beginning, outside any group: every router needs every
 * provider's latest state. Until the topic exists (workers create it) it looks again every few seconds.
 */
public final class HealthSource implements RouterLoop.StateSource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthSource.class);
    private static final long LOOK_AGAIN_NANOS = Duration.ofSeconds(5).toNanos();

    private final String bootstrap;
    private final Consumer<ProviderHealth> sink;
    private KafkaConsumer<String, byte[]> consumer;
    private boolean assigned;
    private long nextLook;

    public HealthSource(String bootstrap, Consumer<ProviderHealth> sink) {
        this.bootstrap = bootstrap;
        this.sink = sink;
    }

    @Override
    public void open() {
        consumer = new KafkaConsumer<>(StandaloneConsumers.props(bootstrap, "nightshift-router-health"));
    }

    @Override
    public void poll() {
        if (!assigned && !assign()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ZERO)) {
            if (r.value() == null) {
                continue;
            }
            try {
                sink.accept(MessageCodec.PROVIDER_HEALTH.decode(r.value()));
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("provider", r.key()).log("ignoring unreadable health record: {}", e.getMessage());
            }
        }
    }

    private boolean assign() {
        long now = System.nanoTime();
        if (now < nextLook) {
            return false;
        }
        nextLook = now + LOOK_AGAIN_NANOS;
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(Topics.HEALTH, Duration.ofSeconds(2));
        } catch (KafkaException e) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
