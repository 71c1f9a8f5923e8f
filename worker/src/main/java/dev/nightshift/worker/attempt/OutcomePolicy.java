package dev.nightshift.worker.attempt;

import dev.nightshift.core.event.FailureClass;

/**
 * What to do with a lane record after a failed call, by failure class and delivery count. Retryable
 * failures go back to the lane (RELEASE, after the wait) until the delivery before the broker's limit;
 * then, and for failures another provider may not share (exhausted quota, bad key, too long a prompt,
 * unusable output), the job is handed to the router for fail-over. A request the provider refuses as
 * malformed or filtered is poison: it would fail the same way anywhere.
 */
public final class OutcomePolicy {
    private OutcomePolicy() {}

    public enum Step {
        /** Back to the lane after the wait; the delivery count grows. */
        RELEASE,
        /** Attempt published (non-terminal) and handed to the router on {@code nightshift.retry}; lane record accepted. */
        FAILOVER,
        /** Attempt published as terminal; lane record rejected to the dead-letter topic. */
        POISON
    }

    public static Step afterFailure(FailureClass failure, int deliveryCount, int deliveryLimit) {
        if (failure.retryable()) {
            return deliveryCount < deliveryLimit ? Step.RELEASE : Step.FAILOVER;
        }
        return switch (failure) {
            case BAD_REQUEST, CONTENT_FILTERED -> Step.POISON;
            default -> Step.FAILOVER;
        };
    }
}
