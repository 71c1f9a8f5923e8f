package dev.nightshift.bench.harness;

import java.util.Arrays;

/** Nearest-rank percentiles of measured durations. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no measurements to take percentiles of");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** The smallest value with at least {@code p} percent of the values at or below it. */
    public long at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** {@link #at} of nanoseconds, in milliseconds. */
    public double millisAt(double p) {
        return at(p) / 1e6;
    }
}
