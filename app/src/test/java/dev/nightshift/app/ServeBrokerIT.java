package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.kafka.KafkaClientProps;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift serve broker}: a one-node Kafka for a cluster on one machine, at the same address after a restart. */
class ServeBrokerIT {
    @TempDir
    Path dir;

    @Test
    void aRestartedBrokerListensOnTheSamePortAndStillHoldsWhatWasWritten() throws Exception {
        int port = freeNeighbouringPorts();
        Map<String, String> env = Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString());
        String bootstrap = "127.0.0.1:" + port;
        String[] serve = {
            "serve",
            "broker",
            "--port",
            Integer.toString(port),
            "--data",
            dir.resolve("kafka").toString()
        };

        try (CliProcess broker = CliProcess.start(env, serve)) {
            broker.awaitErr(l -> l.contains("serving Kafka at " + bootstrap), Duration.ofMinutes(2));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "serve-broker-it"))) {
                producer.send(new ProducerRecord<>("kept", "k", "before the restart".getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            broker.terminate();
            assertThat(broker.waitFor(Duration.ofMinutes(1)))
                    .as("ended by SIGTERM, after its shutdown hook")
                    .isIn(0, 143);
        }

        try (CliProcess again = CliProcess.start(env, serve)) {
            again.awaitErr(l -> l.contains("serving Kafka at " + bootstrap), Duration.ofMinutes(2));
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(KafkaClientProps.consumer(bootstrap, "serve-broker-it", "serve-broker-it"))) {
                consumer.subscribe(Set.of("kept"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                assertThat(values).containsExactly("before the restart");
            }
        }
    }

    private static int freeNeighbouringPorts() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two free neighbouring ports");
    }
}
