package dev.nightshift.worker.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from {@code [0, min(cap, base · 2^(n-1))]}
 * for the n-th retry, so that many workers retrying at once spread out instead of stampeding. Pure: the
 * random source is injected, so tests assert the delays.
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base " + base + " cap " + cap);
        }
    }

    /** The upper bound of the n-th retry's delay (n ≥ 1). */
    public Duration ceiling(int retry) {
        int shift = Math.min(Math.max(retry, 1) - 1, 30);
        long ms = base.toMillis() << shift;
        return ms <= 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }

    /** The n-th retry's delay (n ≥ 1): uniform in [0, ceiling(n)]. */
    public Duration delay(int retry, RandomGenerator random) {
        long bound = ceiling(retry).toMillis();
        return Duration.ofMillis(random.nextLong(bound + 1));
    }
}
