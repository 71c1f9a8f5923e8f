package dev.nightshift.sink.aggregate;

import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.sink.ledger.LedgerEntry;
import dev.nightshift.sink.store.StoreKeys;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What one write batch adds to the aggregates, summed in memory per aggregate key, so that each touched
 * aggregate is read, added to and written once per batch instead of once per entry (a poll of 500 results
 * touches every "all" and "tenant" aggregate 500 times). Exact: costs are summed as {@link BigDecimal}.
 */
public final class AggregateDeltas {
    private static final Dimension[] DIMENSIONS = Dimension.values();
    private final Map<Group, Delta> byGroup = new HashMap<>();

    public void add(LedgerEntry e) {
        // each dimension's value once per entry, not once per scope (the day is a date computation)
        String[] values = new String[DIMENSIONS.length];
        for (Dimension d : DIMENSIONS) {
            values[d.ordinal()] = d.valueOf(e);
        }
        for (AggregateScope scope : AggregateScope.of(e)) {
            for (Dimension d : scope.dimensions()) {
                byGroup.computeIfAbsent(new Group(scope.key(), d, values[d.ordinal()]), k -> new Delta()).add(e);
            }
        }
    }

    /** Visits each touched aggregate's store key and what the batch adds to it. */
    public void forEach(BiConsumer<byte[], Aggregate> visitor) {
        byGroup.forEach((g, delta) -> visitor.accept(StoreKeys.aggregate(g.scope(), g.dimension(), g.value()),
                delta.toAggregate()));
    }

    private record Group(String scope, Dimension dimension, String value) {
    }

    private static final class Delta {
        private long attempts;
        private long failed;
        private long billedFailed;
        private long uncached;
        private long cacheRead;
        private long cacheWrite;
        private long output;
        private BigDecimal cost = BigDecimal.ZERO;

        void add(LedgerEntry e) {
            boolean f = e.outcome() == Outcome.FAILED;
            attempts++;
            failed += f ? 1 : 0;
            billedFailed += f && e.billed() ? 1 : 0;
            uncached += e.usage().uncachedInputOrZero();
            cacheRead += e.usage().cacheReadInputOrZero();
            cacheWrite += e.usage().cacheWriteInputOrZero();
            output += e.usage().outputOrZero();
            cost = cost.add(e.cost().toBigDecimal());
        }

        Aggregate toAggregate() {
            return new Aggregate(attempts, failed, billedFailed, uncached, cacheRead, cacheWrite, output, Money.usd(cost));
        }
    }
}
