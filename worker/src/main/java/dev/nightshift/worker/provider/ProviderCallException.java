package dev.nightshift.worker.provider;

import java.util.Objects;

/**
 * The only exception a {@link ProviderClient} fails with. Its message names the failure class and a
 * short, sanitised reason; never a key, a prompt or source text.
 */
public final class ProviderCallException extends RuntimeException {
    private final transient ProviderFailure failure;
    private final transient RateLimitSnapshot rateLimits;

    public ProviderCallException(ProviderFailure failure, RateLimitSnapshot rateLimits) {
        super(failure.failureClass() + ": " + failure.reason(), null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.rateLimits = rateLimits == null ? RateLimitSnapshot.NONE : rateLimits;
    }

    public ProviderCallException(ProviderFailure failure) {
        this(failure, RateLimitSnapshot.NONE);
    }

    public ProviderFailure failure() {
        return failure;
    }

    public RateLimitSnapshot rateLimits() {
        return rateLimits;
    }
}
