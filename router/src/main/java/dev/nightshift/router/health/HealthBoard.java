package dev.nightshift.router.health;

import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.router.policy.ProviderView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest {@link ProviderHealth} of each provider, as a {@link ProviderView}. A report older than
 * {@code staleAfter} is ignored (its workers may be gone; an open circuit must not outlive them). The lane's
 * time to clear is its backlog — as reported, plus what this router has sent there since — divided by the
 * rate the workers allow themselves, plus any provider-wide pause still running.
 */
public final class HealthBoard implements ProviderView {
    private final InstantSource clock;
    private final Duration staleAfter;
    private final Map<String, ProviderHealth> latest = new HashMap<>();
    private final Map<String, Long> sentSinceReport = new HashMap<>();

    public HealthBoard(InstantSource clock, Duration staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    public void report(ProviderHealth health) {
        ProviderHealth previous = latest.get(health.provider());
        if (previous != null
                && previous.observedAt() != null
                && health.observedAt() != null
                && health.observedAt().isBefore(previous.observedAt())) {
            return;
        }
        latest.put(health.provider(), health);
        sentSinceReport.put(health.provider(), 0L);
    }

    /** Counts a job this router put on the provider's lane after its last report. */
    public void sent(String provider) {
        sentSinceReport.merge(provider, 1L, Long::sum);
    }

    @Override
    public boolean circuitOpen(String provider) {
        return fresh(provider)
                .map(h -> h.circuit() == ProviderHealth.Circuit.OPEN)
                .orElse(false);
    }

    @Override
    public Optional<Duration> timeToClear(String provider) {
        Optional<ProviderHealth> h = fresh(provider);
        if (h.isEmpty() || h.get().backlog() < 0) {
            return Optional.empty();
        }
        ProviderHealth health = h.get();
        Instant now = clock.instant();
        Duration pause = health.pausedUntil() != null && health.pausedUntil().isAfter(now)
                ? Duration.between(now, health.pausedUntil())
                : Duration.ZERO;
        long backlog = health.backlog() + sentSinceReport.getOrDefault(provider, 0L);
        if (health.requestsPerMinute() == null || health.requestsPerMinute() <= 0) {
            return Optional.of(pause);
        }
        long millis = Math.multiplyExact(backlog, 60_000L) / health.requestsPerMinute();
        return Optional.of(pause.plusMillis(millis));
    }

    private Optional<ProviderHealth> fresh(String provider) {
        ProviderHealth h = latest.get(provider);
        if (h == null) {
            return Optional.empty();
        }
        if (h.observedAt() != null && h.observedAt().plus(staleAfter).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(h);
    }
}
