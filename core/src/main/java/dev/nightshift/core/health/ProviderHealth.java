package dev.nightshift.core.health;

import java.time.Instant;
import java.util.Objects;

/**
 * How one provider account is doing, as its workers see it. Published by workers on the compacted
 * {@code nightshift.health} topic keyed by provider (the latest record is the state); read by the router
 * (circuit state, spill-over) and by metrics.
 *
 * @param circuit             {@code CLOSED} (healthy), {@code OPEN} (failing: send nothing) or {@code HALF_OPEN} (probing)
 * @param requestsPerMinute   the request rate the workers currently allow themselves (after AIMD), or null if unlimited
 * @param backlog             lane records not yet done (share-group lag), or -1 if unknown
 * @param latencyP50Millis    observed median call latency
 * @param pausedUntil         when a provider-wide pause (retry-after) ends, or null
 */
public record ProviderHealth(
        String provider,
        Circuit circuit,
        Integer requestsPerMinute,
        long backlog,
        long latencyP50Millis,
        Instant pausedUntil,
        Instant observedAt) {
    public ProviderHealth {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(circuit, "circuit");
    }

    public enum Circuit {
        CLOSED,
        OPEN,
        HALF_OPEN
    }
}
