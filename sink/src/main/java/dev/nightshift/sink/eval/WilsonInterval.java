package dev.nightshift.sink.eval;

/**
 * The 95 % Wilson score interval of a pass rate: unlike the plain normal approximation it stays inside [0, 1]
 * and is honest for the small samples an evaluation uses (10 units, 9 passed → 0.60–0.98, not 0.71–1.09).
 */
public record WilsonInterval(double low, double high) {
    private static final double Z = 1.959964;

    public static WilsonInterval of(long passed, long trials) {
        if (trials <= 0) {
            return new WilsonInterval(0, 1);
        }
        double n = trials;
        double p = passed / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public boolean contains(double rate) {
        return rate >= low && rate <= high;
    }
}
