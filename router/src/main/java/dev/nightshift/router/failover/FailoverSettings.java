package dev.nightshift.router.failover;

import dev.nightshift.core.event.FailureClass;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the router does with a failed attempt from {@code nightshift.retry}.
 *
 * @param failoverOn     classes that send the job to the next model of its chain on another provider
 *                       (the provider is down, exhausted or rate-limited for longer than the worker waits)
 * @param escalateOn     classes that send the job to the next, stronger model of its chain (output failed validation)
 * @param maxEscalations escalations per job before it fails
 * @param maxAttempts    attempts per job (failovers, repairs and escalations together) before it fails
 * @param repairRounds   times a model gets its own rejected test back with the validator's diagnostics before the
 *                       job escalates to the next model
 */
public record FailoverSettings(
        Set<FailureClass> failoverOn,
        Set<FailureClass> escalateOn,
        int maxEscalations,
        int maxAttempts,
        int repairRounds) {
    public static final FailoverSettings DEFAULT = new FailoverSettings(
            EnumSet.of(
                    FailureClass.RATE_LIMITED,
                    FailureClass.OVERLOADED,
                    FailureClass.TRANSIENT,
                    FailureClass.QUOTA_EXHAUSTED,
                    FailureClass.UNAUTHORIZED,
                    FailureClass.CONTEXT_TOO_LONG),
            EnumSet.of(FailureClass.INVALID_OUTPUT, FailureClass.TEST_REJECTED, FailureClass.OUTPUT_TRUNCATED),
            2,
            12,
            2);

    /** Settings without repair rounds: a rejected test escalates at once. */
    public FailoverSettings(
            Set<FailureClass> failoverOn, Set<FailureClass> escalateOn, int maxEscalations, int maxAttempts) {
        this(failoverOn, escalateOn, maxEscalations, maxAttempts, 0);
    }

    public FailoverSettings {
        failoverOn = failoverOn == null ? DEFAULT.failoverOn : Set.copyOf(failoverOn);
        escalateOn = escalateOn == null ? DEFAULT.escalateOn : Set.copyOf(escalateOn);
        if (maxEscalations < 0) {
            throw new IllegalArgumentException("maxEscalations must be >= 0, got " + maxEscalations);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (repairRounds < 0) {
            throw new IllegalArgumentException("repairRounds must be >= 0, got " + repairRounds);
        }
    }
}
