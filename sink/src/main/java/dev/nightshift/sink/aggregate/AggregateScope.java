package dev.nightshift.sink.aggregate;

import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which slice of the ledger an aggregate covers: everything, one tenant, or one run. Each scope keeps the
 * dimensions that vary inside it, so that "cost of run R by model" and "tenant T's cost by day" are
 * single prefix reads rather than ledger scans.
 */
public record AggregateScope(String key, Set<Dimension> dimensions) {
    private static final Set<Dimension> ALL = EnumSet.allOf(Dimension.class);
    private static final Set<Dimension> TENANT = EnumSet.complementOf(EnumSet.of(Dimension.TENANT));
    private static final Set<Dimension> RUN = EnumSet.of(
            Dimension.TOTAL,
            Dimension.PROVIDER,
            Dimension.MODEL,
            Dimension.TASK,
            Dimension.DAY,
            Dimension.LANGUAGE,
            Dimension.TIER);

    public static AggregateScope all() {
        return new AggregateScope("all", ALL);
    }

    public static AggregateScope tenant(String tenant) {
        return new AggregateScope("tenant:" + tenant, TENANT);
    }

    public static AggregateScope run(String runId) {
        return new AggregateScope("run:" + runId, RUN);
    }

    /** The scopes one entry counts in. */
    public static List<AggregateScope> of(LedgerEntry e) {
        return List.of(all(), tenant(e.tenant()), run(e.runId()));
    }
}
