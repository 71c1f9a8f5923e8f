package dev.nightshift.core.routing;

/**
 * Decayed sums over one kind of try (first tries or repair tries) of one cell: how many, how many passed, what they
 * cost and how long they took. Every figure is weighted by the same decay factor, so ratios (pass rate, mean cost,
 * mean latency) are unaffected by decay; only the weight of the evidence is.
 *
 * @param tries     decayed count of tries
 * @param passes    decayed count of those that passed
 * @param costUsd   decayed sum of their cost in dollars (an estimate figure: the ledger keeps the exact one)
 * @param latencyMs decayed sum of their latency
 */
public record Tries(double tries, double passes, double costUsd, double latencyMs) {
    public static final Tries NONE = new Tries(0, 0, 0, 0);

    public Tries {
        if (!(tries >= 0)
                || !(passes >= 0)
                || passes > tries * (1 + 1e-9) + 1e-12
                || !(costUsd >= 0)
                || !(latencyMs >= 0)) {
            throw new IllegalArgumentException("tries must be non-negative sums with passes <= tries, got tries="
                    + tries + ", passes=" + passes + ", costUsd=" + costUsd + ", latencyMs=" + latencyMs);
        }
    }

    /** These sums with one more try of weight {@code w}. */
    Tries plus(double w, boolean passed, double cost, long latency) {
        return new Tries(tries + w, passes + (passed ? w : 0), costUsd + w * cost, latencyMs + w * latency);
    }

    /** Every sum multiplied by {@code factor} (a decay factor in (0, 1]). */
    Tries scaled(double factor) {
        return new Tries(tries * factor, passes * factor, costUsd * factor, latencyMs * factor);
    }

    /** The pass rate under {@code prior}. */
    public double passRate(PassPrior prior) {
        return prior.rate(passes, tries);
    }

    /** Mean cost of one try, or NaN without tries. */
    public double meanCostUsd() {
        return tries > 0 ? costUsd / tries : Double.NaN;
    }

    /** Mean latency of one try, or NaN without tries. */
    public double meanLatencyMs() {
        return tries > 0 ? latencyMs / tries : Double.NaN;
    }
}
