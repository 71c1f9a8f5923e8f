package dev.nightshift.router;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;

/** Attempt results as a worker would publish them, for tests. */
public final class Attempts {
    private static final Instant AT = Instant.parse("2026-11-30T03:00:00Z");

    private Attempts() {}

    public static AttemptResult succeeded(LaneRequest request, Money cost) {
        return result(request, Outcome.SUCCEEDED, null, cost, true);
    }

    /** A failed attempt handed to the router for failover (not terminal). */
    public static AttemptResult failed(LaneRequest request, FailureClass failureClass, Money cost) {
        return result(request, Outcome.FAILED, failureClass, cost, false);
    }

    /** A failed attempt as the worker hands it back to the router on the retry topic, with its lane request. */
    public static FailedAttempt failover(LaneRequest request, FailureClass failureClass, Money cost) {
        return new FailedAttempt(request, failed(request, failureClass, cost));
    }

    /** A rejected test as the validator hands it back to the router on the retry topic, with its lane request. */
    public static FailedAttempt rejection(LaneRequest request, Verdict verdict, String diagnostics) {
        return new FailedAttempt(request, rejected(request, verdict, diagnostics));
    }

    /** A test the validator rejected with {@code verdict}: the candidate is the attempt's artifact. */
    public static AttemptResult rejected(LaneRequest request, Verdict verdict, String diagnostics) {
        AttemptResult answered = new AttemptResult(
                JobRef.of(request.job()),
                request.attempt(),
                request.model().provider(),
                request.model().model(),
                request.routingReason(),
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(100, 0, 0, 50),
                Money.ZERO,
                "test",
                10,
                AT,
                AT,
                "stop",
                "class ATest {}",
                true);
        return answered.judged(Validation.of(verdict, diagnostics, 5), false, false);
    }

    private static AttemptResult result(LaneRequest r, Outcome outcome, FailureClass fc, Money cost, boolean terminal) {
        return new AttemptResult(
                JobRef.of(r.job()),
                r.attempt(),
                r.model().provider(),
                r.model().model(),
                r.routingReason(),
                outcome,
                fc,
                fc == null ? null : "provider said no",
                Usage.of(100, 0, 0, 50),
                cost,
                "test",
                10,
                AT,
                AT,
                outcome == Outcome.SUCCEEDED ? "stop" : null,
                outcome == Outcome.SUCCEEDED ? "# doc" : null,
                terminal);
    }
}
