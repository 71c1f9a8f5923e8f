package dev.nightshift.router.learning;

import dev.nightshift.core.routing.PassPrior;
import dev.nightshift.core.routing.RoutingCell;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@code cheapest-per-pass} strategy ({@code router.learning}).
 *
 * @param minPassRate      a model starts jobs only if its stage (first try and repairs) passes at least this share;
 *                         when none does, the one that passes most starts
 * @param explorationShare the share of jobs, picked by a hash of run and job id, sent to another start than the best,
 *                         so that figures of the other models stay current
 * @param minEvidence      decayed observations a task × language × size bucket needs (over all its models) before its
 *                         figures decide; below it the chain's order does, exactly as under fixed tiers
 * @param halfLife         how a cell whose newest observation is older than its group's newest is aged before models
 *                         are compared; keep it equal to the sink's half-life
 * @param prior            the Beta prior on pass rates, so an empty or thin cell has modest, finite figures
 * @param minCostTries     decayed tries a cell needs before its mean cost stands for a try's cost; below it the try is
 *                         priced from the model's price and the job's tokens
 */
public record LearningSettings(
        double minPassRate,
        double explorationShare,
        double minEvidence,
        Duration halfLife,
        PassPrior prior,
        double minCostTries) {
    /** Pass half the time, explore 5 % of jobs, decide from 20 observations, forget over two weeks, 1 pass in 2 tries. */
    public static final LearningSettings DEFAULT =
            new LearningSettings(0.5, 0.05, 20, RoutingCell.DEFAULT_HALF_LIFE, PassPrior.DEFAULT, 3);

    public LearningSettings {
        if (Double.isNaN(minPassRate) || minPassRate < 0 || minPassRate > 1) {
            throw new IllegalArgumentException("learning.minPassRate must be between 0 and 1, got " + minPassRate);
        }
        if (Double.isNaN(explorationShare) || explorationShare < 0 || explorationShare > 1) {
            throw new IllegalArgumentException(
                    "learning.explorationShare must be between 0 and 1, got " + explorationShare);
        }
        if (Double.isNaN(minEvidence) || minEvidence < 0) {
            throw new IllegalArgumentException("learning.minEvidence must be >= 0, got " + minEvidence);
        }
        halfLife = halfLife == null ? RoutingCell.DEFAULT_HALF_LIFE : halfLife;
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("learning.halfLife must be positive, got " + halfLife);
        }
        prior = Objects.requireNonNullElse(prior, PassPrior.DEFAULT);
        if (Double.isNaN(minCostTries) || minCostTries < 0) {
            throw new IllegalArgumentException("learning.minCostTries must be >= 0, got " + minCostTries);
        }
    }

    public LearningSettings withMinPassRate(double rate) {
        return new LearningSettings(rate, explorationShare, minEvidence, halfLife, prior, minCostTries);
    }

    public LearningSettings withExplorationShare(double share) {
        return new LearningSettings(minPassRate, share, minEvidence, halfLife, prior, minCostTries);
    }

    public LearningSettings withMinEvidence(double evidence) {
        return new LearningSettings(minPassRate, explorationShare, evidence, halfLife, prior, minCostTries);
    }
}
