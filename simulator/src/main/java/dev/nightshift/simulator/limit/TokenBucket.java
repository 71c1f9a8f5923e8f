package dev.nightshift.simulator.limit;

import java.time.Duration;
import java.time.Instant;

/**
 * A per-minute limit with continuous refill, the way OpenAI and Anthropic describe theirs: a full bucket
 * holds the limit, and it refills at limit/60 per second. Amounts are counts of requests or tokens; the
 * fractional refill is a simulation figure, never money.
 */
final class TokenBucket {
    private final long capacity;
    private double available;
    private Instant last;

    TokenBucket(long capacity, Instant now) {
        this.capacity = capacity;
        this.available = capacity;
        this.last = now;
    }

    long capacity() {
        return capacity;
    }

    void refill(Instant now) {
        long elapsedMs = Duration.between(last, now).toMillis();
        if (elapsedMs > 0) {
            available = Math.min((double) capacity, available + capacity * (elapsedMs / 60_000.0));
            last = now;
        }
    }

    /** Whether {@code amount} (capped at the capacity, so an oversized request can ever pass) is there now. */
    boolean has(long amount) {
        return available >= Math.min(amount, capacity);
    }

    void take(long amount) {
        available -= amount;
    }

    void giveBack(long amount) {
        available = Math.min((double) capacity, available + amount);
    }

    long remaining() {
        return Math.max(0, (long) Math.floor(available));
    }

    long used() {
        return capacity - remaining();
    }

    /** How long until {@code amount} is available. */
    Duration waitFor(long amount) {
        double missing = Math.min(amount, capacity) - available;
        return missing <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(missing * 60_000.0 / capacity));
    }

    Duration untilFull() {
        return waitFor(capacity);
    }
}
