package dev.nightshift.core.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings every service shares. Records are keyed by string ids and carry JSON bytes; a job may
 * hold a whole repository (about 4 MB for a million tokens), so sizes are raised to {@link #MAX_RECORD_BYTES}
 * on producers, consumers and topics alike, and records are compressed.
 */
public final class KafkaClientProps {
    /** The largest record we send: a million-token job with room to spare. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private KafkaClientProps() {}

    public static Properties producer(String bootstrap, String clientId) {
        Properties p = base(bootstrap, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_RECORD_BYTES));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }

    /** An ordinary consumer group member that commits offsets itself, after its effect is durable. */
    public static Properties consumer(String bootstrap, String clientId, String groupId) {
        Properties p = base(bootstrap, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(4 * MAX_RECORD_BYTES));
        return p;
    }

    /**
     * A share-group member (KIP-932) with explicit acknowledgement that acquires at most
     * {@code maxRecords} records per poll, so it never holds locks on jobs it has no slot for.
     */
    public static Properties shareConsumer(String bootstrap, String clientId, String groupId, int maxRecords) {
        Properties p = base(bootstrap, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put("share.acknowledgement.mode", "explicit");
        p.put("share.acquire.mode", "record_limit");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, maxRecords)));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(4 * MAX_RECORD_BYTES));
        return p;
    }

    public static Properties admin(String bootstrap, String clientId) {
        return base(bootstrap, clientId);
    }

    private static Properties base(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", clientId);
        return p;
    }
}
