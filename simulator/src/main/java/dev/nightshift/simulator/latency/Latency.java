package dev.nightshift.simulator.latency;

import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * How long the simulated provider takes before it answers. Latency is a figure of simulation, not of
 * accounting, so {@code double} is fine here; the sample is drawn from a seeded {@link Random} so that a
 * scripted run is repeatable.
 *
 * @param distribution {@code fixed} (always {@code medianMs}), {@code uniform} ({@code minMs}..{@code maxMs})
 *                     or {@code lognormal} (median {@code medianMs}, shape {@code sigma}, clamped to {@code minMs}..{@code maxMs})
 * @param perOutputTokenMs extra time per generated token, as real decoding takes
 */
public record Latency(
        String distribution, long minMs, long medianMs, long maxMs, double sigma, double perOutputTokenMs) {
    public static final Latency NONE = fixed(Duration.ZERO);
    /** The default: a few milliseconds, enough to interleave concurrent calls, small enough for fast tests. */
    public static final Latency SMALL = uniform(Duration.ofMillis(1), Duration.ofMillis(5));

    public Latency {
        distribution = distribution == null ? "fixed" : distribution.trim().toLowerCase(Locale.ROOT);
        if (!distribution.equals("fixed") && !distribution.equals("uniform") && !distribution.equals("lognormal")) {
            throw new IllegalArgumentException(
                    "latency.distribution '" + distribution + "' is unknown; use fixed, uniform or lognormal");
        }
        if (minMs < 0 || medianMs < 0 || maxMs < 0 || perOutputTokenMs < 0 || sigma < 0) {
            throw new IllegalArgumentException("latency figures must be >= 0");
        }
        if (maxMs == 0) {
            maxMs = Math.max(medianMs, minMs) * (distribution.equals("lognormal") ? 20 : 1);
        }
        if (minMs > maxMs) {
            throw new IllegalArgumentException(
                    "latency.minMs (" + minMs + ") must not exceed latency.maxMs (" + maxMs + ")");
        }
    }

    public static Latency fixed(Duration d) {
        return new Latency("fixed", d.toMillis(), d.toMillis(), d.toMillis(), 0, 0);
    }

    public static Latency uniform(Duration min, Duration max) {
        return new Latency("uniform", min.toMillis(), (min.toMillis() + max.toMillis()) / 2, max.toMillis(), 0, 0);
    }

    public static Latency logNormal(Duration median, double sigma, Duration max) {
        return new Latency("lognormal", 0, median.toMillis(), max.toMillis(), sigma, 0);
    }

    public Latency withPerOutputTokenMs(double ms) {
        return new Latency(distribution, minMs, medianMs, maxMs, sigma, ms);
    }

    /** One sample, in milliseconds, for a reply of {@code outputTokens}. */
    public long sampleMs(Random random, long outputTokens) {
        double base =
                switch (distribution) {
                    case "uniform" -> minMs + random.nextDouble() * (maxMs - minMs);
                    case "lognormal" ->
                        Math.min(
                                (double) maxMs,
                                Math.max((double) minMs, medianMs * Math.exp(sigma * random.nextGaussian())));
                    default -> medianMs;
                };
        return Math.round(base + perOutputTokenMs * outputTokens);
    }
}
