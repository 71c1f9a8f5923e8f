package dev.nightshift.sinkapi.cost;

import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;

/**
 * A cost breakdown: one row per group value and their total. {@code source} says whether the figures
 * came from the kept aggregates or from a scan of the ledger (both are exact). {@code outcomeUnknown}: the provider
 * calls the query covers that no attempt booked (given up at their deadline, or in flight when their worker stopped),
 * which the provider may have billed on top of the total, and the most they can cost; absent when there are none.
 */
public record CostReport(
        Dimension by,
        CostQuery query,
        String source,
        List<Row> groups,
        Row total,
        RunStatus.OutcomeUnknown outcomeUnknown) {

    /** A report with no call of unknown outcome. */
    public CostReport(Dimension by, CostQuery query, String source, List<Row> groups, Row total) {
        this(by, query, source, groups, total, null);
    }

    /**
     * One group's sums; amounts are exact decimal strings.
     *
     * @param passed         the group's tests that passed (verdict {@code passed})
     * @param perPassingTest the dollars of the group's test attempts (those the validator could not judge for
     *                       reasons of its own excepted: never charged to a model) divided by {@code passed}; absent
     *                       when no test passed. A model's row is what that model's attempts cost per test it
     *                       delivered.
     */
    public record Row(
            String key,
            long attempts,
            long failedAttempts,
            long billedFailedAttempts,
            long uncachedInput,
            long cacheReadInput,
            long cacheWriteInput,
            long output,
            Money usd,
            long passed,
            Money perPassingTest) {

        public Row(
                String key,
                long attempts,
                long failedAttempts,
                long billedFailedAttempts,
                long uncachedInput,
                long cacheReadInput,
                long cacheWriteInput,
                long output,
                Money usd) {
            this(
                    key,
                    attempts,
                    failedAttempts,
                    billedFailedAttempts,
                    uncachedInput,
                    cacheReadInput,
                    cacheWriteInput,
                    output,
                    usd,
                    0,
                    null);
        }

        public static Row of(String key, Aggregate a) {
            return new Row(
                    key,
                    a.attempts(),
                    a.failedAttempts(),
                    a.billedFailedAttempts(),
                    a.uncachedInput(),
                    a.cacheReadInput(),
                    a.cacheWriteInput(),
                    a.output(),
                    a.cost(),
                    a.tests().passed(),
                    PerPassingTest.of(a.tests().usd(), a.tests().passed()));
        }
    }
}
