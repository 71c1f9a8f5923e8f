package dev.nightshift.core.routing;

import dev.nightshift.core.codec.MessageCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What nightshift has learnt of one model on one kind of job ({@link CellKey}): exponentially decayed counts of first
 * tries and repair tries, how many of each passed, and what they cost and took. Kept by the sink (folded in with
 * each judged attempt, in the same write as its ledger entry), published on the compacted
 * {@code nightshift.routing-stats} topic, read by every router.
 *
 * <p><b>Decay.</b> Every sum is as of {@code asOf}, the latest {@code finishedAt} folded in: an observation made
 * {@code d} before it weighs {@code 2^(-d / halfLife)}. Folding a newer observation first ages the sums to its time;
 * an older one (out of order) is added with its weight. Either way the result is
 * {@code Σ 2^(-(asOf - tᵢ) / halfLife)} over the observations, whatever the order they came in — the figures depend
 * on the observations' timestamps only, never on a clock.
 *
 * @param cell         which model on which kind of job
 * @param asOf         the newest observation's time; {@code null} for a cell without any
 * @param halfLife     how fast evidence fades (the sink's setting when the cell was last folded)
 * @param observations how many observations were folded in, undecayed (for people; the figures use the decayed sums)
 * @param first        first tries of a job on this model
 * @param repair       repair (or review) rounds: tries of a job the model had already been judged on
 */
public record RoutingCell(CellKey cell, Instant asOf, Duration halfLife, long observations, Tries first, Tries repair) {
    /** Two weeks: a model's figures follow a new model version or prompt within days, not months. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(14);
    /** The cell as JSON with a schema version, as stored by the sink and published on the topic. */
    public static final MessageCodec<RoutingCell> CODEC = new MessageCodec<>(RoutingCell.class, 1);

    public RoutingCell {
        Objects.requireNonNull(cell, "cell");
        halfLife = halfLife == null ? DEFAULT_HALF_LIFE : halfLife;
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive, got " + halfLife);
        }
        first = first == null ? Tries.NONE : first;
        repair = repair == null ? Tries.NONE : repair;
        if (observations < 0) {
            throw new IllegalArgumentException("observations must be >= 0, got " + observations);
        }
    }

    /** A cell nothing was observed in yet. */
    public static RoutingCell empty(CellKey cell, Duration halfLife) {
        return new RoutingCell(cell, null, halfLife, 0, Tries.NONE, Tries.NONE);
    }

    /** This cell with one more observation, decayed by {@code halfLife} (see the class comment). */
    public RoutingCell plus(Observation o, Duration halfLife) {
        if (!o.cell().equals(cell)) {
            throw new IllegalArgumentException("observation of " + o.cell() + " folded into " + cell);
        }
        RoutingCell base = new RoutingCell(cell, asOf, halfLife, observations, first, repair);
        double weight = 1;
        if (asOf == null || o.at().isAfter(asOf)) {
            base = base.agedTo(o.at(), halfLife);
        } else {
            weight = decay(Duration.between(o.at(), asOf), halfLife);
        }
        Tries f = base.first;
        Tries r = base.repair;
        if (o.repair()) {
            r = r.plus(weight, o.passed(), o.costUsd(), o.latencyMs());
        } else {
            f = f.plus(weight, o.passed(), o.costUsd(), o.latencyMs());
        }
        return new RoutingCell(cell, base.asOf, halfLife, observations + 1, f, r);
    }

    /** This cell with one more observation, decayed by the cell's own half-life. */
    public RoutingCell plus(Observation o) {
        return plus(o, halfLife);
    }

    /**
     * The same evidence as seen at a later time: every sum decayed by the time from {@code asOf} to {@code at}. Rates
     * and means do not change; the evidence's weight does. A time at or before {@code asOf} changes nothing.
     */
    public RoutingCell agedTo(Instant at, Duration by) {
        if (asOf == null) {
            return new RoutingCell(cell, at, halfLife, observations, first, repair);
        }
        if (!at.isAfter(asOf)) {
            return this;
        }
        double factor = decay(Duration.between(asOf, at), by);
        return new RoutingCell(cell, at, halfLife, observations, first.scaled(factor), repair.scaled(factor));
    }

    /** Decayed tries of either kind: how much evidence the cell holds. */
    public double evidence() {
        return first.tries() + repair.tries();
    }

    /** {@code 2^(-elapsed / halfLife)}. */
    static double decay(Duration elapsed, Duration halfLife) {
        double halfLives = (double) elapsed.toMillis() / halfLife.toMillis();
        return Math.pow(2, -halfLives);
    }
}
