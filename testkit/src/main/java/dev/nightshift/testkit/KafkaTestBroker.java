package dev.nightshift.testkit;

import dev.nightshift.broker.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, started on first use and stopped when the JVM exits. Where a
 * Docker engine runs, it is Testcontainers' {@code apache/kafka:4.4.0}; elsewhere the in-JVM KRaft broker
 * ({@link EmbeddedKafkaBroker}). Never skipped. {@code -Dkafka.embedded=true} forces the embedded one.
 * Tests isolate themselves by topic and group names (e.g. a run id), not by brokers.
 */
public final class KafkaTestBroker {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static String bootstrap;

    private KafkaTestBroker() {}

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return bootstrap;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("kafka.embedded")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static String startContainer() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_SHARE_MAX_RECORD_LOCK_DURATION_MS", "600000")
                .withEnv("KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS", "1000")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(16 * 1024 * 1024 + 1024));
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-container-stop"));
        LOG.atInfo().log("tests use the apache/kafka:4.4.0 container");
        return kafka.getBootstrapServers();
    }

    private static String startEmbedded() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
        return broker.bootstrapServers();
    }
}
