package dev.nightshift.sinkapi.aggregate;

import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.ledger.LedgerEntry;

/**
 * Sums over ledger entries: counts, the four token buckets, exact cost, and what the validator made of the
 * tests among them. Kept per group as entries arrive; always equal to the sum of the entries it covers.
 */
public record Aggregate(
        long attempts,
        long failedAttempts,
        long billedFailedAttempts,
        long uncachedInput,
        long cacheReadInput,
        long cacheWriteInput,
        long output,
        Money cost,
        TestCounts tests) {
    public static final Aggregate EMPTY = new Aggregate(0, 0, 0, 0, 0, 0, 0, Money.ZERO, TestCounts.NONE);

    public Aggregate {
        cost = cost == null ? Money.ZERO : cost;
        tests = tests == null ? TestCounts.NONE : tests;
    }

    /** Sums without tests (documentation, or kept before tests were validated). */
    public Aggregate(
            long attempts,
            long failedAttempts,
            long billedFailedAttempts,
            long uncachedInput,
            long cacheReadInput,
            long cacheWriteInput,
            long output,
            Money cost) {
        this(
                attempts,
                failedAttempts,
                billedFailedAttempts,
                uncachedInput,
                cacheReadInput,
                cacheWriteInput,
                output,
                cost,
                TestCounts.NONE);
    }

    public static Aggregate of(LedgerEntry e) {
        boolean failed = e.outcome() == Outcome.FAILED;
        return new Aggregate(
                1,
                failed ? 1 : 0,
                failed && e.billed() ? 1 : 0,
                e.usage().uncachedInputOrZero(),
                e.usage().cacheReadInputOrZero(),
                e.usage().cacheWriteInputOrZero(),
                e.usage().outputOrZero(),
                e.cost(),
                TestCounts.of(e));
    }

    public Aggregate plus(Aggregate o) {
        return new Aggregate(
                attempts + o.attempts,
                failedAttempts + o.failedAttempts,
                billedFailedAttempts + o.billedFailedAttempts,
                uncachedInput + o.uncachedInput,
                cacheReadInput + o.cacheReadInput,
                cacheWriteInput + o.cacheWriteInput,
                output + o.output,
                cost.plus(o.cost),
                tests.plus(o.tests));
    }
}
