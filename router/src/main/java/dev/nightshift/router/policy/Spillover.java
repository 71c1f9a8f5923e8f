package dev.nightshift.router.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * When a rule's preferred model may be passed over for load: its lane needs longer than {@code maxLaneWait}
 * to clear (the run's deadline), and a later model of the chain has a lane known to clear within it and a
 * worst-case cost at most {@code maxPriceRatio} times the preferred one's.
 */
public record Spillover(Duration maxLaneWait, BigDecimal maxPriceRatio) {
    public static final Spillover DEFAULT = new Spillover(Duration.ofMinutes(30), new BigDecimal("4"));

    public Spillover {
        Objects.requireNonNull(maxLaneWait, "maxLaneWait");
        Objects.requireNonNull(maxPriceRatio, "maxPriceRatio");
        if (maxLaneWait.isNegative() || maxLaneWait.isZero()) {
            throw new IllegalArgumentException("maxLaneWait must be > 0, got " + maxLaneWait);
        }
        if (maxPriceRatio.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("maxPriceRatio must be >= 1, got " + maxPriceRatio);
        }
    }
}
