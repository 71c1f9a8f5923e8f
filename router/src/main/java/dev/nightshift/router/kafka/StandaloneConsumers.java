package dev.nightshift.router.kafka;

import dev.nightshift.core.kafka.KafkaClientProps;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Settings of consumers that assign partitions themselves and belong to no group (they never commit). */
final class StandaloneConsumers {
    private StandaloneConsumers() {}

    static Properties props(String bootstrap, String clientId) {
        Properties p = KafkaClientProps.consumer(bootstrap, clientId, "unused");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        return p;
    }
}
