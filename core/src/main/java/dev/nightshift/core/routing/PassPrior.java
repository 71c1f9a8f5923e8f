package dev.nightshift.core.routing;

/**
 * A Beta prior on pass rates: before any evidence a model is assumed to pass {@code passRate} of its tries, held with
 * the weight of {@code weight} tries. It keeps an empty or thin cell's rate finite and modest — one lucky pass is not
 * a 100 % model — and fades as real tries accumulate.
 *
 * @param passRate the assumed rate, in [0, 1]
 * @param weight   how many tries the assumption is worth; 0 trusts the evidence alone (an empty cell then has no rate)
 */
public record PassPrior(double passRate, double weight) {
    /** One pass in two tries. */
    public static final PassPrior DEFAULT = new PassPrior(0.5, 2);

    public PassPrior {
        if (Double.isNaN(passRate) || passRate < 0 || passRate > 1) {
            throw new IllegalArgumentException("prior.passRate must be between 0 and 1, got " + passRate);
        }
        if (Double.isNaN(weight) || weight < 0 || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("prior.weight must be >= 0, got " + weight);
        }
    }

    /** The posterior mean pass rate after {@code passes} of {@code tries} (both possibly decayed, so fractional). */
    public double rate(double passes, double tries) {
        double denominator = tries + weight;
        if (denominator <= 0) {
            return passRate;
        }
        return (passes + passRate * weight) / denominator;
    }
}
