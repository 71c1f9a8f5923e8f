package dev.nightshift.ingest;

import dev.nightshift.core.kafka.KafkaClientProps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a topic from the beginning in a fresh consumer group, for assertions. */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    TopicReader(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap, "ingest-test-reader", "ingest-test-" + UUID.randomUUID()));
        consumer.subscribe(List.of(topic));
    }

    /** Polls once and returns everything read so far. */
    List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
