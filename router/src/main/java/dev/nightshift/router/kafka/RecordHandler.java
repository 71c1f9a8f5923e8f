package dev.nightshift.router.kafka;

import dev.nightshift.router.engine.Outbound;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns one consumed record into the records to publish. Called on the loop's thread only. */
@FunctionalInterface
public interface RecordHandler {
    List<Outbound> handle(ConsumerRecord<String, byte[]> record);
}
