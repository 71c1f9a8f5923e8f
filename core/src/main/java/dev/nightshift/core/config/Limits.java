package dev.nightshift.core.config;

/**
 * What a provider account allows, per dimension; {@code null} means not limited (or not known).
 */
public record Limits(
        Integer requestsPerMinute,
        Long inputTokensPerMinute,
        Long outputTokensPerMinute,
        Integer concurrentRequests,
        Integer requestsPerDay,
        Long tokensPerDay) {
    public static final Limits UNLIMITED = new Limits(null, null, null, null, null, null);

    public Limits {
        positive("requestsPerMinute", requestsPerMinute);
        positive("inputTokensPerMinute", inputTokensPerMinute);
        positive("outputTokensPerMinute", outputTokensPerMinute);
        positive("concurrentRequests", concurrentRequests);
        positive("requestsPerDay", requestsPerDay);
        positive("tokensPerDay", tokensPerDay);
    }

    /** Concurrent calls a worker may have in flight when nothing tighter is configured. */
    public int concurrencyOr(int fallback) {
        return concurrentRequests == null ? fallback : concurrentRequests;
    }

    private static void positive(String name, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 (or left out for no limit), got " + value);
        }
    }
}
