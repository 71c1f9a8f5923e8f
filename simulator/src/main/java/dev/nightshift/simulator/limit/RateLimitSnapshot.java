package dev.nightshift.simulator.limit;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of the limits after a request, for the rate-limit headers. A dimension that is not limited
 * has {@code limit} 0.
 */
public record RateLimitSnapshot(Instant now, Dimension requests, Dimension inputTokens, Dimension outputTokens) {
    /** @param resetAfter time until the bucket is full again */
    public record Dimension(long limit, long remaining, Duration resetAfter) {
        public static final Dimension UNLIMITED = new Dimension(0, 0, Duration.ZERO);

        public boolean limited() {
            return limit > 0;
        }
    }
}
