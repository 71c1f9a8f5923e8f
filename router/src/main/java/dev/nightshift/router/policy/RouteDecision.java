package dev.nightshift.router.policy;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.provider.ModelRef;

/** What the policy decided for one job: a model to call, or why no model can take it. */
public sealed interface RouteDecision {
    /** The recorded reason: rule, chosen model, and why the models before it were skipped. */
    String reason();

    /**
     * @param chainIndex position of {@code model} in {@code rule.chain()}, so failover can continue after it
     */
    record Routed(RouteRule rule, ModelRef model, int chainIndex, String reason) implements RouteDecision {}

    /**
     * @param firstChoice the model the rule would have preferred, for the ledger; {@code null} if no rule matched
     */
    record Unroutable(FailureClass failureClass, ModelRef firstChoice, String reason) implements RouteDecision {}
}
