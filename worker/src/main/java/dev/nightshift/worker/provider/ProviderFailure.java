package dev.nightshift.worker.provider;

import dev.nightshift.core.event.FailureClass;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a call failed, as data a caller can act on. Retryable and terminal failures are
 * different types; {@link #failureClass()} is what goes into the ledger.
 */
public sealed interface ProviderFailure {
    FailureClass failureClass();

    /** A short reason for people and the ledger; sanitised, never holds prompt text or a key. */
    String reason();

    /** How long the provider asked us to wait, when it said so. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    default boolean retryable() {
        return failureClass().retryable();
    }

    /** Which limit a 429 hit, as far as the provider tells. */
    enum Scope {
        REQUESTS,
        TOKENS,
        INPUT_TOKENS,
        OUTPUT_TOKENS,
        CONCURRENCY,
        UNKNOWN
    }

    /** Our own account's limit was hit (429): wait {@code retryAfter}, then the same call may pass. */
    record RateLimited(Duration delay, Scope scope, String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.RATE_LIMITED;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(delay);
        }
    }

    /** The provider lacks capacity for everyone (Anthropic 529, 503): back off, do not blame our quota. */
    record Overloaded(Duration delay, String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.OVERLOADED;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(delay);
        }
    }

    /** 5xx, a reset connection, an empty or truncated body, a missed deadline: the same call may pass later. */
    record Transient(Duration delay, String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.TRANSIENT;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(delay);
        }
    }

    /**
     * No complete answer within the call's deadline: the worker stopped waiting, but the provider may still answer and
     * bill it. The same job is not called again before another {@code bound} has passed (its {@link #retryAfter()}), the
     * time a provider still working on it needs to finish, so a slow answer and its retry are never generated at once.
     */
    record Abandoned(Duration bound, String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.OUTCOME_UNKNOWN;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(bound);
        }
    }

    /** The prompt does not fit this model; a model with a larger window may take it. */
    record ContextTooLong(String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.CONTEXT_TOO_LONG;
        }
    }

    /** Out of money or of a daily/monthly quota: nothing passes until someone pays or the period ends. */
    record QuotaExhausted(String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.QUOTA_EXHAUSTED;
        }
    }

    /** The key is missing, wrong or lacks permission. */
    record Unauthorized(String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.UNAUTHORIZED;
        }
    }

    /** The provider refuses this request as malformed; sending it again will not help. */
    record BadRequest(String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.BAD_REQUEST;
        }
    }

    /** The provider's safety system blocked the prompt or the reply. */
    record ContentFiltered(String reason) implements ProviderFailure {
        @Override
        public FailureClass failureClass() {
            return FailureClass.CONTENT_FILTERED;
        }
    }
}
