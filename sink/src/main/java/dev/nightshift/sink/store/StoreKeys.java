package dev.nightshift.sink.store;

import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.aggregate.Dimension;

/** The key layout of every column family, in one place. */
public final class StoreKeys {
    private static final String META = "m";
    private static final String TEXT = "t";

    private StoreKeys() {
    }

    public static byte[] run(String runId) {
        return Keys.of(runId);
    }

    public static byte[] job(String runId, String jobId) {
        return Keys.of(runId, jobId);
    }

    public static byte[] jobsOf(String runId) {
        return Keys.prefix(runId);
    }

    public static byte[] ledger(String runId, String jobId, int attempt) {
        return Keys.of(runId, jobId, Keys.attempt(attempt));
    }

    public static byte[] ledgerOf(String runId) {
        return Keys.prefix(runId);
    }

    public static byte[] artifactMeta(String runId, String jobId) {
        return Keys.of(runId, META, jobId);
    }

    public static byte[] artifactText(String runId, String jobId) {
        return Keys.of(runId, TEXT, jobId);
    }

    public static byte[] artifactsOf(String runId) {
        return Keys.prefix(runId, META);
    }

    public static byte[] cacheMeta(String contentKey, boolean simulated) {
        return Keys.of(contentKey, simulated ? "sim" : "real", META);
    }

    public static byte[] cacheText(String contentKey, boolean simulated) {
        return Keys.of(contentKey, simulated ? "sim" : "real", TEXT);
    }

    public static byte[] aggregate(AggregateScope scope, Dimension d, String value) {
        return aggregate(scope.key(), d, value);
    }

    public static byte[] aggregate(String scopeKey, Dimension d, String value) {
        return Keys.of(scopeKey, d.id(), value);
    }

    public static byte[] aggregatesOf(AggregateScope scope, Dimension d) {
        return Keys.prefix(scope.key(), d.id());
    }
}
