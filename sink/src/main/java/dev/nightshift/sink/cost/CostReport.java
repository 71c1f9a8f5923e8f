package dev.nightshift.sink.cost;

import dev.nightshift.core.money.Money;
import dev.nightshift.sink.aggregate.Aggregate;
import dev.nightshift.sink.aggregate.Dimension;
import java.util.List;

/**
 * A cost breakdown: one row per group value and their total. {@code source} says whether the figures
 * came from the kept aggregates or from a scan of the ledger (both are exact).
 */
public record CostReport(Dimension by, CostQuery query, String source, List<Row> groups, Row total) {

    /** One group's sums; amounts are exact decimal strings. */
    public record Row(String key, long attempts, long failedAttempts, long billedFailedAttempts, long uncachedInput,
                      long cacheReadInput, long cacheWriteInput, long output, Money usd) {
        public static Row of(String key, Aggregate a) {
            return new Row(key, a.attempts(), a.failedAttempts(), a.billedFailedAttempts(), a.uncachedInput(),
                    a.cacheReadInput(), a.cacheWriteInput(), a.output(), a.cost());
        }
    }
}
