package dev.nightshift.router.kafka;

import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.router.engine.Outbound;
import dev.nightshift.router.engine.StateChange;
import java.util.List;
import java.util.Set;
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

    /** The state records to write with the batch's outputs (see {@code RouterState}); drained by the call. */
    default List<StateChange> stateChanges() {
        return List.of();
    }

    /** Takes up a state record written before, read back when the loop was given its partition. */
    default void restore(RouterState state) {}

    /** The tenants whose state the handler holds. */
    default Set<String> tenants() {
        return Set.of();
    }

    /** Drops the state of these tenants: their partitions went to another router. */
    default void forgetTenants(Set<String> tenants) {}
}
