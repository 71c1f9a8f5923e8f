package dev.nightshift.router.learning;

import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.CellGroup;
import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.RoutingCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routing statistics a router knows: the latest value of every cell on the compacted
 * {@code nightshift.routing-stats} topic (the router's {@code RoutingStatsSource} keeps it current), indexed by
 * task × language × size bucket so that a routing decision reads its group at once. Written by the router loop's
 * thread, readable from any thread (tests, the bench).
 */
public final class RoutingStats {
    private final Map<CellGroup, Map<ModelRef, RoutingCell>> byGroup = new ConcurrentHashMap<>();

    /** Stores a cell's latest value (a later value replaces an earlier one). */
    public void put(RoutingCell cell) {
        byGroup.computeIfAbsent(cell.cell().group(), g -> new ConcurrentHashMap<>())
                .put(cell.cell().model(), cell);
    }

    /** Forgets a cell (a tombstone on the topic). */
    public void remove(CellKey key) {
        Map<ModelRef, RoutingCell> group = byGroup.get(key.group());
        if (group != null) {
            group.remove(key.model());
        }
    }

    public Optional<RoutingCell> cell(CellKey key) {
        Map<ModelRef, RoutingCell> group = byGroup.get(key.group());
        return Optional.ofNullable(group == null ? null : group.get(key.model()));
    }

    /** The cells of one group, by model; empty when nothing was observed in it. */
    public Map<ModelRef, RoutingCell> group(CellGroup group) {
        Map<ModelRef, RoutingCell> cells = byGroup.get(group);
        return cells == null ? Map.of() : Map.copyOf(cells);
    }

    /** Every cell known. */
    public List<RoutingCell> cells() {
        List<RoutingCell> all = new ArrayList<>();
        byGroup.values().forEach(g -> all.addAll(g.values()));
        return all;
    }

    public int size() {
        return byGroup.values().stream().mapToInt(Map::size).sum();
    }
}
