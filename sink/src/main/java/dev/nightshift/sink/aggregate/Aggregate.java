package dev.nightshift.sink.aggregate;

import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.sink.ledger.LedgerEntry;

/**
 * Sums over ledger entries: counts, the four token buckets and exact cost. Kept per group as entries
 * arrive; always equal to the sum of the entries it covers.
 */
public record Aggregate(long attempts, long failedAttempts, long billedFailedAttempts, long uncachedInput,
                        long cacheReadInput, long cacheWriteInput, long output, Money cost) {
    public static final Aggregate EMPTY = new Aggregate(0, 0, 0, 0, 0, 0, 0, Money.ZERO);

    public Aggregate {
        cost = cost == null ? Money.ZERO : cost;
    }

    public static Aggregate of(LedgerEntry e) {
        boolean failed = e.outcome() == Outcome.FAILED;
        return new Aggregate(1, failed ? 1 : 0, failed && e.billed() ? 1 : 0,
                e.usage().uncachedInputOrZero(), e.usage().cacheReadInputOrZero(),
                e.usage().cacheWriteInputOrZero(), e.usage().outputOrZero(), e.cost());
    }

    public Aggregate plus(Aggregate o) {
        return new Aggregate(attempts + o.attempts, failedAttempts + o.failedAttempts,
                billedFailedAttempts + o.billedFailedAttempts, uncachedInput + o.uncachedInput,
                cacheReadInput + o.cacheReadInput, cacheWriteInput + o.cacheWriteInput, output + o.output,
                cost.plus(o.cost));
    }
}
