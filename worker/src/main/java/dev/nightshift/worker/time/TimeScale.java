package dev.nightshift.worker.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How fast the worker's time runs against the wall clock. {@link #REAL} (factor 1) is production: the
 * clock is the system's and a wait of 2 s is a timer of 2 s. A factor S &gt; 1 is for benchmarks and
 * simulations that compress minutes into seconds: {@link #clock()} runs S times faster than the wall
 * clock (so a provider's 60 s window passes in 60/S real seconds), and {@link #timerMillis} turns a wait
 * on that clock into the real milliseconds of a Vert.x timer. Everything that reasons about provider time
 * (quota windows, retry-after pauses, backoff, circuit open time) uses the clock; what is Kafka's or the
 * network's own time (record locks, the per-call deadline, polling) stays real.
 */
public final class TimeScale {
    public static final TimeScale REAL = new TimeScale(1, InstantSource.system());

    private final double factor;
    private final InstantSource clock;

    private TimeScale(double factor, InstantSource clock) {
        this.factor = factor;
        this.clock = clock;
    }

    /** Time {@code factor} times faster than {@code real}, starting from {@code real}'s present instant. */
    public static TimeScale faster(double factor, InstantSource real) {
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "time scale factor must be a finite number >= 1 (1 = real time), got " + factor);
        }
        return factor == 1 ? new TimeScale(1, real) : new TimeScale(factor, new ScaledClock(real, factor));
    }

    /** {@link #faster(double, InstantSource)} of the system clock. */
    public static TimeScale faster(double factor) {
        return factor == 1 ? REAL : faster(factor, InstantSource.system());
    }

    public double factor() {
        return factor;
    }

    /** The scaled clock (the system clock when the factor is 1). */
    public InstantSource clock() {
        return clock;
    }

    /** Real milliseconds to set a timer for, to wait {@code scaled} on {@link #clock()}; at least 1. */
    public long timerMillis(Duration scaled) {
        double ms = scaled.toNanos() / 1e6 / factor;
        return Math.max(1, (long) Math.ceil(ms));
    }

    /** A clock whose instants advance {@code factor} times as fast as its source's, from the source's instant at creation. */
    static final class ScaledClock implements InstantSource {
        private final InstantSource real;
        private final double factor;
        private final Instant origin;

        ScaledClock(InstantSource real, double factor) {
            this.real = real;
            this.factor = factor;
            this.origin = real.instant();
        }

        @Override
        public Instant instant() {
            Duration elapsed = Duration.between(origin, real.instant());
            // Nanosecond arithmetic in a double loses precision only after ~100 days of scaled time: fine for a
            // benchmark.
            return origin.plusNanos((long) (elapsed.toNanos() * factor));
        }
    }
}
