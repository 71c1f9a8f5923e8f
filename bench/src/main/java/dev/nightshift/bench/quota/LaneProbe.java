package dev.nightshift.bench.quota;

import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.lane.Lane;
import dev.nightshift.worker.quota.Dimension;
import java.util.List;

/**
 * {@code -Dquota.probe=true}: once a second, to stderr, what each replica holds, has started, has in
 * flight and has waiting at its gate, with its concurrency and RPM share — how the figures were explained.
 * Reads the replicas' counters from another thread: approximate by nature, a diagnostic only.
 */
final class LaneProbe {
    private LaneProbe() {
    }

    static Thread startIf(boolean enabled, ProviderSimulator simulator, String provider, List<WorkerVerticle> workers) {
        if (!enabled) {
            return null;
        }
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                StringBuilder line = new StringBuilder("probe " + provider + " billed=" + simulator.bill(provider).size());
                for (WorkerVerticle w : workers) {
                    Lane lane = w.lane(provider);
                    line.append(" | held=").append(lane.poller().held()).append(" started=").append(lane.poller().inFlight())
                            .append(" inFlight=").append(lane.gate().ledger().inFlight()).append(" atGate=").append(lane.gate().waiting())
                            .append(" concurrency=").append(lane.gate().ledger().limit(Dimension.CONCURRENT_REQUESTS))
                            .append(" rpm=").append(lane.gate().ledger().limit(Dimension.REQUESTS_PER_MINUTE));
                }
                System.err.println(line);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-quota-probe");
        probe.setDaemon(true);
        probe.start();
        return probe;
    }
}
