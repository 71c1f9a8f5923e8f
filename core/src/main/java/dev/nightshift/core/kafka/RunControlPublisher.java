package dev.nightshift.core.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a run's new standing to {@code nightshift.run-control} and returns once Kafka has acknowledged it. */
public final class RunControlPublisher {
    private static final long TIMEOUT_SECONDS = 30;

    private RunControlPublisher() {}

    public static void publish(String bootstrap, RunControl control) {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-run-control-admin"))) {
            TopicAdmin.ensureFromTable(admin, Topics.RUN_CONTROL);
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "nightshift-run-control"))) {
            producer.send(new ProducerRecord<>(
                            Topics.RUN_CONTROL, control.runId(), MessageCodec.RUN_CONTROL.encode(control)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot record that run " + control.runId() + " is "
                            + control.action().name().toLowerCase(java.util.Locale.ROOT) + " on Kafka at " + bootstrap
                            + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrap + " did not acknowledge run " + control.runId() + " as "
                            + control.action().name().toLowerCase(java.util.Locale.ROOT) + " within " + TIMEOUT_SECONDS
                            + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while recording run " + control.runId() + " as "
                            + control.action().name().toLowerCase(java.util.Locale.ROOT),
                    e);
        }
    }
}
