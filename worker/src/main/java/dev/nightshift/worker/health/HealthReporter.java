package dev.nightshift.worker.health;

import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.worker.attempt.ProviderGate;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.quota.Dimension;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Publishes a lane's {@link ProviderHealth} on the compacted {@code nightshift.health} topic, keyed by
 * provider: periodically, and at once when the circuit changes or the lane pauses. Each replica publishes
 * its own view; the latest record wins, which is what the router wants (the freshest opinion).
 */
public final class HealthReporter {
    private final String provider;
    private final ProviderGate gate;
    private final ResultPublisher publisher;
    private final InstantSource clock;
    private volatile long backlog = -1;

    public HealthReporter(String provider, ProviderGate gate, ResultPublisher publisher, InstantSource clock) {
        this.provider = provider;
        this.gate = gate;
        this.publisher = publisher;
        this.clock = clock;
    }

    public void backlog(long records) {
        this.backlog = records;
    }

    public ProviderHealth snapshot() {
        Instant now = clock.instant();
        long rpm = gate.ledger().limit(Dimension.REQUESTS_PER_MINUTE);
        Integer allowed = rpm == Long.MAX_VALUE
                ? null
                : (int) Math.min(Integer.MAX_VALUE, rpm * gate.ledger().members());
        return new ProviderHealth(
                provider,
                gate.circuit().state().circuit(),
                allowed,
                backlog,
                gate.latencies().p50(),
                gate.ledger().pausedUntil(now).orElse(null),
                now);
    }

    public Future<Void> publish(Context context) {
        return publisher.health(context, snapshot());
    }
}
