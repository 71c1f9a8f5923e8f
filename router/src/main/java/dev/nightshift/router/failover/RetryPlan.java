package dev.nightshift.router.failover;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.policy.RouteDecision;

/** What becomes of a failed attempt: another model, or the end of the job. */
public sealed interface RetryPlan {
    /** Send the job to {@code routed.model()} as the next attempt. */
    record Next(RouteDecision.Routed routed, boolean escalation) implements RetryPlan {}

    /** Send the job back to the model whose test the validator rejected, with the test and the diagnostics. */
    record Repair(ModelRef model, dev.nightshift.core.validation.Repair repair, String reason) implements RetryPlan {}

    /**
     * Send the job to the same model again, at the same place on its route (no escalation, no repair round): a batch
     * item the provider did not run, or that failed for a passing reason. The router picks the tier anew.
     */
    record Resubmit(ModelRef model, String reason) implements RetryPlan {}

    /** End the job as failed, keeping the failed attempt's class, with the reason nobody else takes it. */
    record GiveUp(FailureClass failureClass, ModelRef lastModel, String reason) implements RetryPlan {}
}
