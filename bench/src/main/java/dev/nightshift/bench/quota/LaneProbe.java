package dev.nightshift.bench.quota;

import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.worker.Lane;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.quota.Dimension;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code -Dquota.probe=true}: once a second, to stderr, what each replica holds, has started, has in
 * flight and has waiting at its gate, with its concurrency and RPM share — how the figures were explained.
 * Reads the replicas' counters from another thread: approximate by nature, a diagnostic only.
 */
final class LaneProbe {
    private LaneProbe() {}

    /** @return the running probe, to {@code shutdownNow()} after the pass; null when not enabled */
    // The printing runs until the caller shuts the probe down: a diagnostic, with nothing to return
    @SuppressWarnings("FutureReturnValueIgnored")
    static ScheduledExecutorService startIf(
            boolean enabled, ProviderSimulator simulator, String provider, List<WorkerVerticle> workers) {
        if (!enabled) {
            return null;
        }
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-quota-probe");
            t.setDaemon(true);
            return t;
        });
        probe.scheduleAtFixedRate(() -> System.err.println(line(simulator, provider, workers)), 0, 1, TimeUnit.SECONDS);
        return probe;
    }

    private static String line(ProviderSimulator simulator, String provider, List<WorkerVerticle> workers) {
        StringBuilder line = new StringBuilder(
                "probe " + provider + " billed=" + simulator.bill(provider).size());
        for (WorkerVerticle w : workers) {
            Lane lane = w.lane(provider);
            line.append(" | held=")
                    .append(lane.poller().held())
                    .append(" started=")
                    .append(lane.poller().inFlight())
                    .append(" inFlight=")
                    .append(lane.gate().ledger().inFlight())
                    .append(" atGate=")
                    .append(lane.gate().waiting())
                    .append(" concurrency=")
                    .append(lane.gate().ledger().limit(Dimension.CONCURRENT_REQUESTS))
                    .append(" rpm=")
                    .append(lane.gate().ledger().limit(Dimension.REQUESTS_PER_MINUTE));
        }
        return line.toString();
    }
}
