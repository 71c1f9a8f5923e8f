package dev.nightshift.router.learning;

import dev.nightshift.core.provider.ModelRef;

/**
 * What one model's stage of a chain is expected to do for a job: its first try, then up to {@code repairRounds}
 * repair rounds on the same model before the job escalates.
 *
 * @param firstPass     pass rate of a first try (prior included)
 * @param repairPass    pass rate of a repair round (prior included)
 * @param firstCostUsd  expected cost of a first try
 * @param repairCostUsd expected cost of a repair round
 * @param evidence      decayed tries behind these figures (0: the prior and the price alone)
 */
public record StageFigures(
        ModelRef model,
        double firstPass,
        double repairPass,
        double firstCostUsd,
        double repairCostUsd,
        double evidence) {

    /** The chance the stage ends with an accepted artifact: {@code 1 − (1 − p₁)(1 − pᵣ)^R}. */
    public double stagePass(int repairRounds) {
        return 1 - (1 - firstPass) * Math.pow(1 - repairPass, repairRounds);
    }

    /**
     * The stage's expected cost: the first try, plus each repair round as long as every try before it failed —
     * {@code c₁ + (1 − p₁) · cᵣ · Σ_{r<R} (1 − pᵣ)^r}.
     */
    public double stageCostUsd(int repairRounds) {
        double stillFailing = 1 - firstPass;
        double cost = firstCostUsd;
        for (int round = 0; round < repairRounds; round++) {
            cost += stillFailing * repairCostUsd;
            stillFailing *= 1 - repairPass;
        }
        return cost;
    }
}
