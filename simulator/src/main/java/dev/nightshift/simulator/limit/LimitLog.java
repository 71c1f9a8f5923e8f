package dev.nightshift.simulator.limit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The limiter's side of one provider account: every request it let through (when, the input tokens it
 * counted, the output it reserved) and how many it refused, by limit. Benchmarks and tests read it to see
 * what the provider saw — how full each window was and how many 429s it sent — independently of what the
 * client believes. Written on the event loop, read from any thread, hence synchronised.
 */
public final class LimitLog {
    /** One admitted request, stamped on arrival at the limiter. */
    public record Admitted(Instant at, long inputTokens, long reservedOutputTokens) {}

    private final List<Admitted> admitted = new ArrayList<>();
    private final Map<LimitScope, Long> refused = new EnumMap<>(LimitScope.class);

    synchronized void admitted(Instant at, long input, long reservedOutput) {
        admitted.add(new Admitted(at, input, reservedOutput));
    }

    synchronized void refused(LimitScope scope) {
        refused.merge(scope, 1L, Long::sum);
    }

    public synchronized List<Admitted> admitted() {
        return List.copyOf(admitted);
    }

    /** 429s sent because of a limit (scripted 429 faults are not counted here). */
    public synchronized long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<LimitScope, Long> refusedByScope() {
        return Map.copyOf(refused);
    }

    public synchronized void clear() {
        admitted.clear();
        refused.clear();
    }
}
