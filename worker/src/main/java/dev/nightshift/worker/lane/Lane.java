package dev.nightshift.worker.lane;

import dev.nightshift.worker.attempt.ProviderGate;
import dev.nightshift.worker.health.HealthReporter;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.quota.Dimension;
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

    public Lane(String provider, LanePoller poller, ProviderGate gate, HealthReporter health, LaneObserver observer,
                AtomicInteger slots, int maxSlots, InstantSource clock) {
        this(provider, poller, gate, health, observer, slots, maxSlots, clock, WorkerEvents.NONE);
    }

    /** @param events told of the lane's backlog at every refresh */
    public Lane(String provider, LanePoller poller, ProviderGate gate, HealthReporter health, LaneObserver observer,
                AtomicInteger slots, int maxSlots, InstantSource clock, WorkerEvents events) {
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
                LOG.atDebug().addKeyValue("provider", provider).log("cannot read lane membership yet: " + ar.cause().getMessage());
            }
            slots.set(slotsFor(gate.ledger().limit(Dimension.CONCURRENT_REQUESTS)));
            gate.reportMetrics();
            health.publish(context);
        });
    }

    /**
     * A little more than the concurrency the quota allows, so that a freed slot finds its next job already
     * fetched; the extra records wait (renewed) in the gate.
     */
    int slotsFor(long concurrencyLimit) {
        long base = concurrencyLimit == Long.MAX_VALUE ? maxSlots : Math.min(maxSlots, concurrencyLimit);
        return (int) Math.max(1, base + base / 4 + 1);
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
