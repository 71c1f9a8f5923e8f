package dev.nightshift.worker.provider;

import dev.nightshift.core.usage.Usage;
import java.util.Objects;

/**
 * The only exception a {@link ProviderClient} fails with. Its message names the failure class and a
 * short, sanitised reason; never a key, a prompt or source text.
 */
public final class ProviderCallException extends RuntimeException {
    private final transient ProviderFailure failure;
    private final transient RateLimitSnapshot rateLimits;
    private final transient Usage billed;

    public ProviderCallException(ProviderFailure failure, RateLimitSnapshot rateLimits) {
        this(failure, rateLimits, Usage.NOT_REPORTED);
    }

    /**
     * @param billed what the provider charged for a call that answered but failed (a 200 the content filter
     *               emptied is billed for its prompt); {@link Usage#NOT_REPORTED} for calls that were not billed
     */
    public ProviderCallException(ProviderFailure failure, RateLimitSnapshot rateLimits, Usage billed) {
        super(failure.failureClass() + ": " + failure.reason(), null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.rateLimits = rateLimits == null ? RateLimitSnapshot.NONE : rateLimits;
        this.billed = billed == null ? Usage.NOT_REPORTED : billed;
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

    /** The usage the provider reported (and billed) for this failed call; {@link Usage#NOT_REPORTED} if none. */
    public Usage billed() {
        return billed;
    }
}
