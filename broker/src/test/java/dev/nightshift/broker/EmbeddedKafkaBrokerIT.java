package dev.nightshift.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @Test
    void deliversRecordsToAShareGroupAndKeepsTopicsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPersistent(data)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("lane", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "workers");
                admin.incrementalAlterConfigs(Map.of(
                                group,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry("share.auto.offset.reset", "earliest"),
                                        AlterConfigOp.OpType.SET))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("lane", "k", "job-1")).get();
            }

            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrapServers());
            p.put("group.id", "workers");
            p.put("share.acknowledgement.mode", "explicit");
            List<String> received = new ArrayList<>();
            try (KafkaShareConsumer<String, String> consumer =
                    new KafkaShareConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("lane"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        received.add(r.value());
                        consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                    }
                    consumer.commitSync();
                }
            }
            assertThat(received).containsExactly("job-1");
        }

        assertThat(Files.exists(data.resolve("data").resolve("meta.properties")))
                .isTrue();
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.startPersistent(data);
                Admin admin = Admin.create(Map.of("bootstrap.servers", again.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("lane");
        }
    }
}
