package dev.nightshift.router.policy;

import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import java.util.Optional;

/**
 * The checks a model must pass before preferences count: the job fits its context window with margin, it
 * has a price, the job's worst-case cost on it stays under the ceiling, and its provider's circuit is not
 * open. Pure: the same inputs give the same answer.
 */
public final class HardConstraints {
    private final Constraints settings;

    public HardConstraints(Constraints settings) {
        this.settings = settings;
    }

    /** Why {@code model} cannot take {@code job}, or empty when it can. */
    public Optional<Violation> check(Job job, ModelRef ref, ModelConfig model, ProviderView view) {
        long needed = settings.inputWithMargin(job.inputTokens()) + job.maxOutputTokens();
        if (needed > model.contextWindow()) {
            return Optional.of(new Violation(
                    Kind.CONTEXT, "needs " + needed + " tokens with margin, context window " + model.contextWindow()));
        }
        if (model.price() == null) {
            return Optional.of(new Violation(Kind.NO_PRICE, "has no price"));
        }
        if (settings.maxJobCost() != null) {
            Money worst = worstCaseCost(job, model);
            if (worst.exceeds(settings.maxJobCost())) {
                return Optional.of(new Violation(
                        Kind.COST_CEILING,
                        "worst-case cost " + worst.display() + " exceeds the per-job ceiling "
                                + settings.maxJobCost().display()));
            }
        }
        if (view.circuitOpen(ref.provider())) {
            return Optional.of(new Violation(Kind.CIRCUIT_OPEN, view.unavailableReason(ref.provider())));
        }
        return Optional.empty();
    }

    /** Every input token with margin at the uncached rate, and the whole output budget: what a call can cost at most. */
    public Money worstCaseCost(Job job, ModelConfig model) {
        return model.price().estimate(settings.inputWithMargin(job.inputTokens()), job.maxOutputTokens());
    }

    public Constraints settings() {
        return settings;
    }

    /** Which constraint a model broke; {@link #CONTEXT} decides the failure class of a job nobody can take. */
    public enum Kind {
        CONTEXT,
        NO_PRICE,
        COST_CEILING,
        CIRCUIT_OPEN
    }

    public record Violation(Kind kind, String reason) {}
}
