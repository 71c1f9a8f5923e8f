package dev.nightshift.simulator.limit;

import java.time.Duration;

/** The limiter's answer to a request. */
public sealed interface Admission {
    /** Let through; hand the ticket back with {@link RateLimiter#settle} when the reply is sent. */
    record Admitted(long reservedOutput) implements Admission {}

    /**
     * Refused with a 429.
     *
     * @param limit      the limit that was hit, per minute (or in-flight requests for concurrency)
     * @param used       how much of it is in use
     * @param requested  what this request asked for
     * @param retryAfter how long until it would pass
     */
    record Refused(LimitScope scope, long limit, long used, long requested, Duration retryAfter) implements Admission {}
}
