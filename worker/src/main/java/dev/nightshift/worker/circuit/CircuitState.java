package dev.nightshift.worker.circuit;

import dev.nightshift.core.health.ProviderHealth;
import java.time.Duration;
import java.time.Instant;

/** The states of a provider's circuit, as data; {@link CircuitBreaker} owns the transitions. */
public sealed interface CircuitState {
    ProviderHealth.Circuit circuit();

    /** Healthy; {@code failures} consecutive overload or transient failures so far. */
    record Closed(int failures) implements CircuitState {
        @Override
        public ProviderHealth.Circuit circuit() {
            return ProviderHealth.Circuit.CLOSED;
        }
    }

    /** Failing: send nothing before {@code until}; {@code openedFor} is how long this opening lasts. */
    record Open(Instant until, Duration openedFor) implements CircuitState {
        @Override
        public ProviderHealth.Circuit circuit() {
            return ProviderHealth.Circuit.OPEN;
        }
    }

    /** Probing: one call is let through; its outcome closes the circuit or opens it again, for longer. */
    record HalfOpen(boolean probeInFlight, Duration lastOpenedFor) implements CircuitState {
        @Override
        public ProviderHealth.Circuit circuit() {
            return ProviderHealth.Circuit.HALF_OPEN;
        }
    }
}
