package dev.nightshift.router.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * What the router knows of each provider's state when it decides: whether its circuit is open and how long
 * its lane needs to clear the work already queued on it. Implementations are read on the router's own
 * thread only.
 */
public interface ProviderView {
    /** Every provider healthy, lanes of unknown depth: routing by rules and constraints alone. */
    ProviderView ALL_HEALTHY = new ProviderView() {
        @Override
        public boolean circuitOpen(String provider) {
            return false;
        }

        @Override
        public Optional<Duration> timeToClear(String provider) {
            return Optional.empty();
        }
    };

    /** True while the provider's workers report an open circuit (send nothing there). */
    boolean circuitOpen(String provider);

    /** Why an unavailable provider is skipped, for the routing reason. */
    default String unavailableReason(String provider) {
        return "circuit of " + provider + " is open";
    }

    /** How long the provider's lane needs to drain its backlog at its current rate; empty when unknown. */
    Optional<Duration> timeToClear(String provider);
}
