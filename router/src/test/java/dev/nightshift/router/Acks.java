package dev.nightshift.router;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Checks a test producer's sends, so a record Kafka did not take fails where it was sent, not as a timeout later. */
public final class Acks {
    private Acks() {}

    /** Flushes {@code producer}, then fails unless Kafka acknowledged every one of {@code sent}. */
    public static void flushAndCheck(Producer<?, ?> producer, List<Future<RecordMetadata>> sent) {
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
            try {
                // The flush has waited for every send, so this does not block.
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking a send", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not take a record", e.getCause());
            }
        }
    }
}
