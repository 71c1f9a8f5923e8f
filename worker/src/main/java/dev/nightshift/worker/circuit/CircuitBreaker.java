package dev.nightshift.worker.circuit;

import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a provider that keeps failing for reasons of its own (overload, 5xx, broken connections)
 * and probes it before trusting it again. Opens after {@code threshold} consecutive such failures; after
 * {@code openFor} one probe is let through (half-open): success closes the circuit, failure opens it again
 * for twice as long, up to {@code maxOpenFor}. Our own mistakes (4xx) and our quota (429) say nothing
 * about the provider's health and only end a probe as alive. Time is passed in; not thread-safe.
 */
public final class CircuitBreaker {
    /** What the breaker says about one call. */
    public enum Verdict {
        /** Send it. */
        PASS,
        /** Send it as the half-open probe. */
        PROBE,
        /** The circuit is open: do not send. */
        REJECT,
        /** A probe is in flight: ask again when it has ended. */
        HOLD
    }

    private final int threshold;
    private final Duration openFor;
    private final Duration maxOpenFor;
    private CircuitState state = new CircuitState.Closed(0);

    public CircuitBreaker(int threshold, Duration openFor, Duration maxOpenFor) {
        if (threshold < 1) {
            throw new IllegalArgumentException("circuit threshold must be >= 1, got " + threshold);
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.maxOpenFor = maxOpenFor.compareTo(openFor) < 0 ? openFor : maxOpenFor;
    }

    /** Without changing state: what would a call get now? */
    public Verdict peek(Instant now) {
        if (state instanceof CircuitState.Open o) {
            return now.isBefore(o.until()) ? Verdict.REJECT : Verdict.PROBE;
        }
        if (state instanceof CircuitState.HalfOpen h) {
            return h.probeInFlight() ? Verdict.HOLD : Verdict.PROBE;
        }
        return Verdict.PASS;
    }

    /** A call is being sent now; if it is the probe, the circuit goes half-open with it in flight. */
    public void onSend(Instant now) {
        Verdict v = peek(now);
        if (v == Verdict.PROBE) {
            Duration last = state instanceof CircuitState.Open o
                    ? o.openedFor()
                    : ((CircuitState.HalfOpen) state).lastOpenedFor();
            state = new CircuitState.HalfOpen(true, last);
        } else if (v != Verdict.PASS) {
            throw new IllegalStateException("cannot send through a circuit that says " + v);
        }
    }

    public void onSuccess() {
        state = new CircuitState.Closed(0);
    }

    /** The provider answered, though not with success, and not with a sign of ill health. */
    public void onNeutral() {
        if (state instanceof CircuitState.HalfOpen) {
            state = new CircuitState.Closed(0);
        }
    }

    /** The provider failed for reasons of its own. */
    public void onFailure(Instant now) {
        if (state instanceof CircuitState.Closed c) {
            state = c.failures() + 1 >= threshold
                    ? new CircuitState.Open(now.plus(openFor), openFor)
                    : new CircuitState.Closed(c.failures() + 1);
        } else if (state instanceof CircuitState.HalfOpen h) {
            Duration longer = h.lastOpenedFor().multipliedBy(2);
            Duration next = longer.compareTo(maxOpenFor) > 0 ? maxOpenFor : longer;
            state = new CircuitState.Open(now.plus(next), next);
        }
    }

    public CircuitState state() {
        return state;
    }
}
