package dev.nightshift.sink.aggregate;

import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.Keys;
import dev.nightshift.sinkapi.aggregate.Dimension;

/**
 * The key layout of {@link Cf#AGGREGATES}: every key starts with its {@link AggregateScope}'s key, so that the
 * figures of one scope are a prefix read. A run's coverage, documentation totals and estimate are kept beside
 * its aggregates, under names no {@link Dimension} has.
 */
public final class AggregateKeys {
    /** Per-run coverage of each target file. */
    private static final String COVERAGE = "coverage";

    private static final String DOCS_TOTALS = "docs";
    private static final String ESTIMATE = "estimate";

    private AggregateKeys() {}

    public static byte[] aggregate(AggregateScope scope, Dimension d, String value) {
        return aggregate(scope.key(), d, value);
    }

    public static byte[] aggregate(String scopeKey, Dimension d, String value) {
        return Keys.of(scopeKey, d.id(), value);
    }

    public static byte[] aggregatesOf(AggregateScope scope, Dimension d) {
        return Keys.prefix(scope.key(), d.id());
    }

    /** The coverage record of one target file of a run. */
    public static byte[] coverage(String runId, String file) {
        return Keys.of(AggregateScope.run(runId).key(), COVERAGE, file);
    }

    /** The documentation totals of a run, beside its other figures. */
    public static byte[] docsTotals(String runId) {
        return Keys.of(AggregateScope.run(runId).key(), DOCS_TOTALS);
    }

    /** What a run was expected to cost when planned, beside its other figures. */
    public static byte[] runEstimate(String runId) {
        return Keys.of(AggregateScope.run(runId).key(), ESTIMATE);
    }
}
