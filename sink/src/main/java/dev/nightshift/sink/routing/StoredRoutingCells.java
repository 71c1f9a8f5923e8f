package dev.nightshift.sink.routing;

import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.Keys;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the routing statistics the sink keeps (column family {@code routing}); safe from any thread. */
public final class StoredRoutingCells {
    private StoredRoutingCells() {}

    /** One cell, or empty when nothing was observed in it. */
    public static Optional<RoutingCell> get(SinkStore store, CellKey cell) {
        byte[] value = store.get(Cf.ROUTING, StoreKeys.routingCell(cell.id()));
        return value == null ? Optional.empty() : Optional.of(RoutingCell.CODEC.decode(value));
    }

    /** Every cell, by cell id. */
    public static List<RoutingCell> all(SinkStore store) {
        List<RoutingCell> cells = new ArrayList<>();
        store.scan(Cf.ROUTING, StoreKeys.routingCells(), (key, value) -> {
            cells.add(RoutingCell.CODEC.decode(value));
            return true;
        });
        return cells;
    }

    /** The cells whose latest change Kafka has not acknowledged yet. */
    public static List<RoutingCell> unpublished(SinkStore store) {
        List<RoutingCell> cells = new ArrayList<>();
        store.scan(Cf.ROUTING, StoreKeys.routingUnpublished(), (key, value) -> {
            String[] parts = Keys.split(key);
            byte[] cell = store.get(Cf.ROUTING, StoreKeys.routingCell(parts[parts.length - 1]));
            if (cell != null) {
                cells.add(RoutingCell.CODEC.decode(cell));
            }
            return true;
        });
        return cells;
    }
}
