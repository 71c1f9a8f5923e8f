package dev.nightshift.bench.overnight;

import dev.nightshift.bench.harness.PlanPublisher;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.query.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run through the pipeline, measured at the provider: what the simulator billed for it (each pass starts from an
 * empty bill), how many of its requests were synchronous and how many batch items, what the ledger says it cost, and
 * when it ended.
 */
record OvernightPass(
        int jobs,
        Money billedUsd,
        Money ledgerUsd,
        long synchronousRequests,
        long batchItems,
        long succeeded,
        double seconds,
        Instant endedAt) {

    static OvernightPass run(
            String bootstrap,
            ProviderSimulator simulator,
            SinkVerticle sink,
            OvernightWorkload workload,
            Duration timeout)
            throws Exception {
        simulator.clearBill();
        long start = System.nanoTime();
        PlanPublisher.publish(bootstrap, "bench-overnight-ingest", workload.plan(), workload.jobs());
        RunStatus status = PlanPublisher.awaitCompleted(
                sink, workload.plan().runId(), workload.jobs().size(), timeout);
        Instant ended = Instant.now();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<BillEntry> bill = simulator.bill();
        return new OvernightPass(
                workload.jobs().size(),
                bill.stream().map(BillEntry::cost).reduce(Money.ZERO, Money::plus),
                status.cost().usd(),
                bill.stream().filter(e -> e.tier() == ServiceTier.STANDARD).count(),
                bill.stream().filter(e -> e.tier() == ServiceTier.BATCH).count(),
                status.jobs().succeeded(),
                seconds,
                ended);
    }

    /** True when the ledger booked exactly what the provider billed, to the nano-dollar. */
    boolean ledgerMatchesBill() {
        return billedUsd.roundedNanos() == ledgerUsd.roundedNanos();
    }
}
