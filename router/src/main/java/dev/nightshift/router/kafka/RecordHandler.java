package dev.nightshift.router.kafka;

import dev.nightshift.router.engine.Outbound;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns one consumed record into the records to publish. Called on the loop's thread only. */
public interface RecordHandler {
    List<Outbound> handle(ConsumerRecord<String, byte[]> record);

    /** Whether records of {@code topic} wait while the window is closed (new work; never results or failures). */
    default boolean gated(String topic) {
        return false;
    }

    /** Whether a gated record may be taken now; when not, the loop leaves it in its topic until this opens. */
    default boolean windowOpen() {
        return true;
    }
}
