package dev.nightshift.router.learning;

import java.util.List;

/**
 * A job's expected dollars and chance of an accepted artifact when it starts at one model of its chain: that model's
 * stage, then — each time a stage ends without an accepted artifact — escalation to the next stage, to the end of
 * the chain (or of the escalations allowed).
 *
 * @param expectedCostUsd   Σ over stages of P(every earlier stage failed) × the stage's expected cost
 * @param acceptProbability 1 − Π over stages of (1 − the stage's pass chance)
 * @param startPass         the starting stage's own pass chance
 */
public record ChainOutlook(double expectedCostUsd, double acceptProbability, double startPass) {

    /** The outlook of a chain of stages, started at the first, each with {@code repairRounds} repair rounds. */
    public static ChainOutlook of(List<StageFigures> stages, int repairRounds) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least one stage");
        }
        double reach = 1;
        double cost = 0;
        for (StageFigures stage : stages) {
            cost += reach * stage.stageCostUsd(repairRounds);
            reach *= 1 - stage.stagePass(repairRounds);
        }
        return new ChainOutlook(cost, 1 - reach, stages.get(0).stagePass(repairRounds));
    }

    /** Expected dollars per accepted artifact; infinite when the chain can never deliver one. */
    public double dollarsPerPass() {
        return acceptProbability > 1e-12 ? expectedCostUsd / acceptProbability : Double.POSITIVE_INFINITY;
    }
}
