package dev.nightshift.router.policy;

import dev.nightshift.core.money.Money;

/**
 * Settings of the hard constraints, checked before any preference.
 *
 * @param contextMarginPercent  added to a job's estimated input tokens before the context-window check,
 *                              because providers' tokenizers count differently from our o200k estimate
 * @param promptOverheadTokens  tokens of the prompt template around the unit's content
 * @param maxJobCost            a model is skipped when a job's worst-case cost on it exceeds this; {@code null} = no ceiling
 */
public record Constraints(int contextMarginPercent, long promptOverheadTokens, Money maxJobCost) {
    public static final Constraints DEFAULT = new Constraints(10, 512, null);

    public Constraints {
        if (contextMarginPercent < 0 || contextMarginPercent > 100) {
            throw new IllegalArgumentException("contextMarginPercent must be 0..100, got " + contextMarginPercent);
        }
        if (promptOverheadTokens < 0) {
            throw new IllegalArgumentException("promptOverheadTokens must be >= 0, got " + promptOverheadTokens);
        }
        if (maxJobCost != null && maxJobCost.isNegative()) {
            throw new IllegalArgumentException("maxJobCost cannot be negative, got " + maxJobCost);
        }
    }

    /** Input tokens as the strictest provider may count them: estimate plus margin (rounded up) plus template. */
    public long inputWithMargin(long inputTokens) {
        return inputTokens + ceilDiv(inputTokens * contextMarginPercent, 100) + promptOverheadTokens;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
