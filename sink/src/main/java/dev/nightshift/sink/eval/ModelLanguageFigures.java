package dev.nightshift.sink.eval;

import dev.nightshift.core.money.Money;

/**
 * What one model did with one language's units in an evaluation.
 *
 * @param units          sampled units (jobs) of this language the model was given
 * @param passed         units that ended with an accepted artifact (a test that passed and added coverage; a document
 *                       the review accepted), repairs included
 * @param passRate       {@code passed / units}
 * @param passRateLow    lower end of the 95 % Wilson score interval of the pass rate
 * @param passRateHigh   upper end of that interval
 * @param linesGained    target lines the accepted tests covered that the existing suite did not (0 for documents)
 * @param branchesGained target branches likewise
 * @param cost           everything the arm paid for these units, failed and repair attempts included (exact)
 * @param costPerPass    {@code cost / passed}; {@code null} when nothing passed
 * @param attempts       calls made for these units
 * @param latencyP50Ms   median latency of those calls
 * @param latencyMeanMs  mean latency of those calls
 * @param repairRounds   repair rounds the accepted units needed, on average (0 = accepted at the first try)
 */
public record ModelLanguageFigures(
        String model,
        String language,
        long units,
        long passed,
        double passRate,
        double passRateLow,
        double passRateHigh,
        long linesGained,
        long branchesGained,
        Money cost,
        Money costPerPass,
        long attempts,
        long latencyP50Ms,
        double latencyMeanMs,
        double repairRounds) {}
