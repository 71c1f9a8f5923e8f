package dev.nightshift.worker;

import dev.nightshift.core.config.Limits;
import dev.nightshift.worker.attempt.ProviderGate;
import dev.nightshift.worker.health.HealthReporter;
import dev.nightshift.worker.lane.LaneObserver;
import dev.nightshift.worker.lane.LanePoller;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.quota.Dimension;
import dev.nightshift.worker.quota.QuotaLedger;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running lane of one worker: its poller thread, its gate, its health, and the periodic refresh of
 * membership (the share of the account's limits) and backlog.
 */
public final class Lane {
    /** Seconds of requests a replica may start ahead of its quota (they wait in the gate). */
    static final long HOLD_HORIZON_SECONDS = 10;
    /** Seconds of the account's requests a replica may hold: the default record lock. */
    static final long LOCK_HORIZON_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private final String provider;
    private final LanePoller poller;
    private final Thread thread;
    private final ProviderGate gate;
    private final HealthReporter health;
    private final LaneObserver observer;
    private final AtomicInteger slots;
    private final int maxSlots;
    private final InstantSource clock;
    private final WorkerEvents events;
    private long timer = -1;

    public Lane(
            String provider,
            LanePoller poller,
            ProviderGate gate,
            HealthReporter health,
            LaneObserver observer,
            AtomicInteger slots,
            int maxSlots,
            InstantSource clock) {
        this(provider, poller, gate, health, observer, slots, maxSlots, clock, WorkerEvents.NONE);
    }

    /** @param events told of the lane's backlog at every refresh */
    public Lane(
            String provider,
            LanePoller poller,
            ProviderGate gate,
            HealthReporter health,
            LaneObserver observer,
            AtomicInteger slots,
            int maxSlots,
            InstantSource clock,
            WorkerEvents events) {
        this.events = events;
        this.clock = clock;
        this.provider = provider;
        this.poller = poller;
        this.gate = gate;
        this.health = health;
        this.observer = observer;
        this.slots = slots;
        this.maxSlots = maxSlots;
        this.thread = new Thread(poller, "nightshift-lane-" + provider);
        this.thread.setDaemon(true);
    }

    public void start(Vertx vertx, Context context, long observeMillis) {
        gate.onChange(() -> health.publish(context));
        thread.start();
        refresh(vertx, context);
        timer = vertx.setPeriodic(observeMillis, t -> refresh(vertx, context));
    }

    private void refresh(Vertx vertx, Context context) {
        vertx.executeBlocking(observer::observe, false).onComplete(ar -> {
            if (ar.succeeded()) {
                gate.ledger().setMembers(ar.result().members(), clock.instant());
                health.backlog(ar.result().backlog());
                events.laneBacklog(provider, ar.result().backlog());
            } else {
                LOG.atDebug()
                        .addKeyValue("provider", provider)
                        .log("cannot read lane membership yet: " + ar.cause().getMessage());
            }
            slots.set(slotsFor(gate.ledger()));
            gate.reportMetrics();
            health.publish(context);
        });
    }

    /**
     * The jobs a lane starts at once: a little more than the concurrency the quota allows, so that a freed
     * slot finds its next job already waiting in the gate; and no more than its share of the
     * requests-per-minute limit lets it call within {@link #HOLD_HORIZON_SECONDS}.
     */
    static int slotsFor(long concurrencyLimit, long requestsPerMinute, int maxSlots) {
        long base = Math.min(maxSlots, concurrencyLimit);
        if (requestsPerMinute != Long.MAX_VALUE) {
            base = Math.min(base, Math.max(1, requestsPerMinute * HOLD_HORIZON_SECONDS / 60));
        }
        base = Math.max(1, base);
        return (int) (base + base / 4 + 1);
    }

    private int slotsFor(QuotaLedger ledger) {
        return slotsFor(
                ledger.limit(Dimension.CONCURRENT_REQUESTS), ledger.limit(Dimension.REQUESTS_PER_MINUTE), maxSlots);
    }

    /**
     * What one replica holds at most. A share consumer is handed new records in batches, and a batch is refilled only
     * after its last call ended, so a batch only a little larger than the slots left them idle while its slowest calls
     * finished. Measured by {@code bench/run quota} (three replicas, 32 concurrent, log-normal latency) when a lane had
     * one consumer: utilisation 0.78 with 1.25× the configured concurrency, 0.89–0.92 with 2.5×, 0.96 with 5×. Held
     * records cost one renewal each per loop, hence no more; and no more than the account's requests-per-minute could
     * start within a lock period, so that a slow account's replica does not hoard records that other replicas could run.
     * The lane's consumers share it ({@link #holdPerConsumer}).
     */
    public static int holdLimit(Limits limits, int maxSlots) {
        long records = 5L * maxSlots + 1;
        if (limits.requestsPerMinute() != null) {
            records = Math.min(records, Math.max(2, limits.requestsPerMinute() * LOCK_HORIZON_SECONDS / 60));
        }
        return (int) records;
    }

    /** The records a lane may start before its first membership refresh: the whole account's limits. */
    public static int initialSlots(Limits limits, int defaultSlots) {
        return slotsFor(
                limits.concurrencyOr(Integer.MAX_VALUE),
                limits.requestsPerMinute() == null ? Long.MAX_VALUE : limits.requestsPerMinute(),
                defaultSlots);
    }

    /** {@code max.poll.records} of each of a lane's {@link LanePoller#CONSUMERS} consumers: their share of the hold. */
    public static int holdPerConsumer(Limits limits, int maxSlots) {
        return Math.max(1, (holdLimit(limits, maxSlots) + LanePoller.CONSUMERS - 1) / LanePoller.CONSUMERS);
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        poller.stop();
    }

    public void join(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    public ProviderGate gate() {
        return gate;
    }

    /** The lane's consumer loop; for benchmarks and tests that watch what a replica holds. */
    public LanePoller poller() {
        return poller;
    }
}
