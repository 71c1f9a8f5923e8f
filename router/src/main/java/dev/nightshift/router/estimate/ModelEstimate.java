package dev.nightshift.router.estimate;

import dev.nightshift.core.money.Money;

/** One model's share of an estimated run. */
public record ModelEstimate(long jobs, long inputTokens, long outputTokens, Money usd) {
    public static final ModelEstimate NONE = new ModelEstimate(0, 0, 0, Money.ZERO);

    ModelEstimate plus(long input, long output, Money cost) {
        return new ModelEstimate(jobs + 1, inputTokens + input, outputTokens + output, usd.plus(cost));
    }
}
