package dev.nightshift.router.failover;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.validation.Repair;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.router.policy.ProviderView;
import dev.nightshift.router.policy.RouteDecision;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Failover and escalation as a pure function. A job whose provider failed it (down, exhausted,
 * rate-limited past the worker's patience) moves to the next model of its rule's chain on another
 * provider; a job whose output failed validation escalates to the next model of the chain, at most
 * {@code maxEscalations} times. A test the validator rejected for a reason the model can fix (it did not build,
 * failed, was flaky or timed out) first goes back to the same model with its diagnostics, {@code repairRounds}
 * times, before it escalates. A document its review sent back goes back to the same model once with the findings; a
 * reply still cut at the output limit escalates (the engine doubles its budget). A provider batch's item that was not
 * run (the batch expired or was cancelled) or failed for a passing reason goes to the same model again, neither failover
 * nor escalation. The hard constraints still apply to the new model. When the chain has no
 * model left, or the attempts are used up, the job ends as failed with the reason.
 */
public final class RetryPlanner {
    private final RoutingPolicy policy;
    private final FailoverSettings settings;

    public RetryPlanner(RoutingPolicy policy, FailoverSettings settings) {
        this.policy = policy;
        this.settings = settings;
    }

    /** What failover, escalation and repair follow. */
    public FailoverSettings settings() {
        return settings;
    }

    /**
     * @param escalationsSoFar how many times this job has already been escalated
     */
    public RetryPlan plan(Job job, AttemptResult failed, int escalationsSoFar, ProviderView view) {
        return plan(job, failed, escalationsSoFar, 0, view);
    }

    /**
     * @param escalationsSoFar how many times this job has already been escalated
     * @param repairsOnModel   repair rounds the failed attempt's model has already had for this job
     */
    public RetryPlan plan(Job job, AttemptResult failed, int escalationsSoFar, int repairsOnModel, ProviderView view) {
        return plan(job, failed, escalationsSoFar, repairsOnModel, view, policy.ruleFor(job));
    }

    /**
     * The retry of a job that follows its own chain rather than the policy's rules (an evaluation arm's single
     * model).
     *
     * @param rule the job's chain; empty when no rule matches it any more
     */
    public RetryPlan plan(
            Job job,
            AttemptResult failed,
            int escalationsSoFar,
            int repairsOnModel,
            ProviderView view,
            Optional<RouteRule> rule) {
        FailureClass fc = failed.failureClass() == null ? FailureClass.TRANSIENT : failed.failureClass();
        ModelRef failedModel = failed.provider() == null || failed.model() == null
                ? null
                : new ModelRef(failed.provider(), failed.model());
        Validation verdict = failed.validation();
        String what = "attempt " + failed.attempt() + " on " + failedModel + " failed ("
                + (fc == FailureClass.TEST_REJECTED && failed.failureReason() != null ? failed.failureReason() : fc)
                + ")";
        if (failed.attempt() >= settings.maxAttempts()) {
            return new RetryPlan.GiveUp(
                    fc, failedModel, what + "; " + settings.maxAttempts() + " attempts is the most allowed");
        }
        if ((failed.serviceTier() == ServiceTier.BATCH || fc == FailureClass.BATCH_EXPIRED)
                && fc.retryable()
                && failedModel != null) {
            // Nothing the model did: the batch ran out of time, was cancelled, or the provider failed the item in
            // passing. The model stays; a failover or escalation would pay for a stronger model for no reason.
            return new RetryPlan.Resubmit(
                    failedModel,
                    what + "; again on the same model ("
                            + (fc == FailureClass.BATCH_EXPIRED
                                    ? "the provider did not run the batch item"
                                    : "a batch item failed in passing")
                            + ")");
        }
        if (fc == FailureClass.TEST_REJECTED
                && verdict != null
                && verdict.verdict().repairable()
                && failedModel != null
                && failed.artifact() != null
                && repairsOnModel < settings.repairRounds()) {
            int round = repairsOnModel + 1;
            return new RetryPlan.Repair(
                    failedModel,
                    new Repair(round, failed.artifact(), verdict.verdict(), verdict.diagnostics()),
                    what + "; repair round " + round + " of " + settings.repairRounds() + " on the same model");
        }
        if (fc == FailureClass.DOCS_REJECTED
                && failed.docsReview() != null
                && failedModel != null
                && failed.artifact() != null) {
            // One review round with the findings; the worker keeps that round's document whatever its findings.
            return new RetryPlan.Repair(
                    failedModel,
                    new Repair(1, failed.artifact(), null, failed.docsReview().findings()),
                    what + "; review round on the same model with the findings");
        }
        boolean escalation = settings.escalateOn().contains(fc);
        if (!escalation && !settings.failoverOn().contains(fc)) {
            return new RetryPlan.GiveUp(fc, failedModel, what + "; " + fc + " is not retried on another model");
        }
        if (escalation && escalationsSoFar >= settings.maxEscalations()) {
            return new RetryPlan.GiveUp(
                    fc, failedModel, what + "; already escalated " + escalationsSoFar + " times, the most allowed");
        }
        if (rule.isEmpty()) {
            return new RetryPlan.GiveUp(fc, failedModel, what + "; no routing rule matches the job any more");
        }
        int failedIndex = failedModel == null ? -1 : rule.get().chain().indexOf(failedModel);
        boolean avoidProvider = !escalation && fc != FailureClass.CONTEXT_TOO_LONG && failedModel != null;
        ProviderView effective = avoidProvider ? new Avoiding(view, failedModel.provider()) : view;
        String prefix = what + "; " + (escalation ? "escalation" : "failover") + ": ";
        RouteDecision decision = policy.choose(job, rule.get(), failedIndex + 1, effective, prefix);
        if (decision instanceof RouteDecision.Routed routed && !routed.model().equals(failedModel)) {
            return new RetryPlan.Next(routed, escalation);
        }
        return new RetryPlan.GiveUp(fc, failedModel, "out of chain: " + decision.reason());
    }

    /** The view with one provider treated as unavailable: a failover never goes back to the provider that failed. */
    private record Avoiding(ProviderView view, String provider) implements ProviderView {
        @Override
        public boolean circuitOpen(String p) {
            return p.equals(provider) || view.circuitOpen(p);
        }

        @Override
        public String unavailableReason(String p) {
            return p.equals(provider) ? provider + " just failed this job" : view.unavailableReason(p);
        }

        @Override
        public Optional<Duration> timeToClear(String p) {
            return view.timeToClear(p);
        }
    }
}
