package dev.nightshift.core.money;

import dev.nightshift.core.usage.Usage;
import java.util.Objects;

/**
 * What a model charges, in dollars per million tokens, for each of the four usage buckets.
 * Cost is computed exactly: {@code tokens × rate ÷ 1,000,000} per bucket, summed.
 */
public record Price(Money input, Money cacheRead, Money cacheWrite, Money output) {
    public Price {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        if (cacheRead == null) {
            cacheRead = input;
        }
        if (cacheWrite == null) {
            cacheWrite = input;
        }
        for (Money m : new Money[] {input, cacheRead, cacheWrite, output}) {
            if (m.isNegative()) {
                throw new IllegalArgumentException("a price cannot be negative, got " + m);
            }
        }
    }

    public static Price of(String input, String output) {
        return new Price(Money.usd(input), null, null, Money.usd(output));
    }

    /** The exact cost of this usage; buckets that were not reported cost nothing. */
    public Money cost(Usage usage) {
        return input.times(usage.uncachedInputOrZero())
                .plus(cacheRead.times(usage.cacheReadInputOrZero()))
                .plus(cacheWrite.times(usage.cacheWriteInputOrZero()))
                .plus(output.times(usage.outputOrZero()))
                .perMillion();
    }

    /** The cost of a job before it runs: every input token uncached, the expected output at the output rate. */
    public Money estimate(long inputTokens, long outputTokens) {
        return input.times(inputTokens).plus(output.times(outputTokens)).perMillion();
    }

    /**
     * The most a call with at most {@code inputTokens} in and {@code outputTokens} out can cost: every input token at
     * the dearest input rate (a prompt-cache write costs more than plain input on some providers), the whole output.
     */
    public Money worstCase(long inputTokens, long outputTokens) {
        Money dearestInput = cacheWrite.exceeds(input) ? cacheWrite : input;
        Money dearestIn = cacheRead.exceeds(dearestInput) ? cacheRead : dearestInput;
        return dearestIn.times(inputTokens).plus(output.times(outputTokens)).perMillion();
    }
}
