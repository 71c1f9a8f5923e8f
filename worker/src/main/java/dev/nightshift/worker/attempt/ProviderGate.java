package dev.nightshift.worker.attempt;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.worker.circuit.CircuitBreaker;
import dev.nightshift.worker.metrics.QuotaFigure;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.http.RateLimitMessages;
import dev.nightshift.worker.quota.Admission;
import dev.nightshift.worker.quota.Dimension;
import dev.nightshift.worker.quota.QuotaLedger;
import dev.nightshift.worker.quota.Reservation;
import dev.nightshift.worker.retry.Backoff;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallGate} of one provider account: calls queue in arrival order and go when the
 * {@link QuotaLedger} grants them and the {@link CircuitBreaker} lets them; otherwise one Vert.x timer
 * re-asks after the wait the ledger named (and every settlement re-asks at once). Nothing blocks.
 *
 * <p>After a call: usage settles the reservation, rate-limit headers correct the limits, a 429 pauses the
 * whole lane for the provider's retry-after (or an escalating pause when it gave none) and halves the
 * allowance (AIMD), overloads and transient failures count towards opening the circuit. While the circuit
 * is open, or a daily limit is used up, calls fail fast so that their jobs fail over to another provider. An answer
 * that the account is out of credit or quota (402, billing error, a spent quota) pauses the provider for that call's
 * run: every call of the run, queued or later, fails fast as {@link FailureClass#QUOTA_EXHAUSTED} and is failed over.
 * Lives on its lane's Vert.x context (not thread-safe).
 */
public final class ProviderGate implements CallGate {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderGate.class);
    private static final Duration HOLD_RECHECK = Duration.ofMillis(250);
    private static final int MAX_UNPAID_RUNS = 1024;

    private final Vertx vertx;
    private final String provider;
    private final QuotaLedger ledger;
    private final CircuitBreaker circuit;
    private final InstantSource clock;
    private final TimeScale time;
    private final Backoff pauseWithoutHint;
    private final LatencyWindow latencies = new LatencyWindow(128);
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    /** Runs for which the account answered out of credit or quota (402, billing, a spent quota): run id → why. */
    private final Map<String, String> unpaid = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_UNPAID_RUNS;
        }
    };

    private long timer = -1;
    private int rateLimitedInARow;
    private long calls;
    private long rateLimited;
    private Runnable onChange = () -> {};
    private final WorkerEvents events;

    public ProviderGate(
            Vertx vertx,
            String provider,
            QuotaLedger ledger,
            CircuitBreaker circuit,
            InstantSource clock,
            Backoff pauseWithoutHint) {
        this(vertx, provider, ledger, circuit, clock, pauseWithoutHint, WorkerEvents.NONE);
    }

    /** @param events told of quota waits, 429 pauses, out-of-credit pauses, circuit changes and the quota's figures */
    public ProviderGate(
            Vertx vertx,
            String provider,
            QuotaLedger ledger,
            CircuitBreaker circuit,
            InstantSource clock,
            Backoff pauseWithoutHint,
            WorkerEvents events) {
        this(vertx, provider, ledger, circuit, TimeScale.faster(1, clock), pauseWithoutHint, events);
    }

    /**
     * @param time the clock the ledger, circuit and pauses reason on, and how a wait on it becomes a timer
     *             ({@link TimeScale#REAL} in production)
     */
    public ProviderGate(
            Vertx vertx,
            String provider,
            QuotaLedger ledger,
            CircuitBreaker circuit,
            TimeScale time,
            Backoff pauseWithoutHint,
            WorkerEvents events) {
        this.events = events;
        this.vertx = vertx;
        this.provider = provider;
        this.ledger = ledger;
        this.circuit = circuit;
        this.time = time;
        this.clock = time.clock();
        this.pauseWithoutHint = pauseWithoutHint;
    }

    /** Called after each circuit transition or pause (to publish health at once). */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    @Override
    public Future<Permit> admit(Context context, LaneRequest request) {
        Promise<Permit> promise = Promise.promise();
        queue.addLast(new Waiter(
                Reservation.forJob(request.job().inputTokens(), request.job().maxOutputTokens()),
                promise,
                request.model().model(),
                request.job().runId(),
                clock.instant()));
        drain();
        return promise.future();
    }

    private void drain() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (!unpaid.isEmpty()) {
            for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                String why = unpaid.get(w.runId);
                if (why != null) {
                    it.remove();
                    w.promise.complete(failFast(new ProviderFailure.QuotaExhausted(provider + " is paused for run "
                            + w.runId + " after it answered out of credit or quota: " + why)));
                }
            }
        }
        while (!queue.isEmpty()) {
            Instant now = clock.instant();
            Waiter head = queue.peekFirst();
            CircuitBreaker.Verdict verdict = circuit.peek(now);
            if (verdict == CircuitBreaker.Verdict.REJECT) {
                queue.pollFirst();
                head.promise.complete(failFast(new ProviderFailure.Overloaded(
                        null, "circuit open: " + provider + " failed repeatedly; sending nothing until it recovers")));
                continue;
            }
            if (verdict == CircuitBreaker.Verdict.HOLD) {
                schedule(HOLD_RECHECK);
                return;
            }
            Admission admission = ledger.tryAcquire(head.reservation, now);
            if (admission instanceof Admission.Granted granted) {
                queue.pollFirst();
                boolean probe = verdict == CircuitBreaker.Verdict.PROBE;
                circuit.onSend(now);
                if (probe) {
                    onChange.run();
                }
                calls++;
                if (head.heldBy != null) {
                    events.quotaWaited(provider, head.heldBy, Duration.between(head.enqueued, now));
                }
                head.promise.complete(new LedgerPermit(granted.ticket(), head.model, head.runId));
                reportMetrics();
            } else if (admission instanceof Admission.Exhausted exhausted) {
                queue.pollFirst();
                head.promise.complete(failFast(
                        new ProviderFailure.QuotaExhausted("daily limit " + exhausted.binding() + " of " + provider
                                + " is used up for " + exhausted.delay().toMinutes() + " more minutes")));
            } else {
                Admission.Wait wait = (Admission.Wait) admission;
                if (wait.binding() != null) {
                    head.heldBy = wait.binding();
                }
                schedule(wait.delay());
                return;
            }
        }
    }

    private void schedule(Duration wait) {
        timer = vertx.setTimer(time.timerMillis(wait), t -> {
            timer = -1;
            drain();
        });
    }

    private static Permit failFast(ProviderFailure failure) {
        return new Permit() {
            @Override
            public Optional<ProviderFailure> failFast() {
                return Optional.of(failure);
            }

            @Override
            public void succeeded(Completion completion, long latencyMs) {}

            @Override
            public void failed(ProviderCallException e, long latencyMs) {}
        };
    }

    private final class LedgerPermit implements Permit {
        private final QuotaLedger.Ticket ticket;
        private final String model;
        private final String runId;

        LedgerPermit(QuotaLedger.Ticket ticket, String model, String runId) {
            this.ticket = ticket;
            this.model = model;
            this.runId = runId;
        }

        @Override
        public void succeeded(Completion completion, long latencyMs) {
            Instant now = clock.instant();
            ledger.settle(ticket, completion.usage());
            ledger.observe(completion.rateLimits(), now);
            ledger.onSuccess();
            rateLimitedInARow = 0;
            boolean wasOpen = circuit.state().circuit() != dev.nightshift.core.health.ProviderHealth.Circuit.CLOSED;
            circuit.onSuccess();
            latencies.add(latencyMs);
            if (wasOpen) {
                onChange.run();
            }
            reportMetrics();
            drain();
        }

        @Override
        public void failed(ProviderCallException e, long latencyMs) {
            Instant now = clock.instant();
            ledger.settleFailed(ticket);
            ledger.observe(e.rateLimits(), now);
            FailureClass failure = e.failure().failureClass();
            var before = circuit.state().circuit();
            if (failure == FailureClass.RATE_LIMITED) {
                rateLimited++;
                rateLimitedInARow++;
                Duration pause = e.failure().retryAfter().orElseGet(() -> pauseWithoutHint.ceiling(rateLimitedInARow));
                if (e.failure() instanceof ProviderFailure.RateLimited limited
                        && limited.scope() == ProviderFailure.Scope.CONCURRENCY) {
                    ledger.onConcurrencyLimited(now, RateLimitMessages.limit(limited.reason()));
                } else {
                    ledger.onRateLimited(now);
                }
                ledger.pauseUntil(now.plus(pause));
                events.rateLimited(provider, model, pause);
                circuit.onNeutral();
                LOG.atWarn()
                        .addKeyValue("provider", provider)
                        .addKeyValue("pauseMs", pause.toMillis())
                        .log("rate limited by the provider; pausing the whole lane");
                onChange.run();
            } else if (failure == FailureClass.QUOTA_EXHAUSTED) {
                // Out of credit (402, billing) or of a daily/monthly quota: every further call of this run would get
                // the
                // same answer, so none is sent; the run's jobs on this lane fail fast and the router fails them over.
                circuit.onNeutral();
                if (unpaid.putIfAbsent(runId, e.failure().reason()) == null) {
                    LOG.atWarn()
                            .addKeyValue("provider", provider)
                            .addKeyValue("runId", runId)
                            .addKeyValue("model", model)
                            .log("provider " + provider + " answered out of credit or quota ("
                                    + e.failure().reason() + "); pausing it for run " + runId
                                    + ": its jobs on this lane fail over, no further call is sent");
                    events.providerPaused(provider);
                    onChange.run();
                }
            } else if (failure == FailureClass.OVERLOADED
                    || failure == FailureClass.TRANSIENT
                    || failure == FailureClass.OUTCOME_UNKNOWN) {
                latencies.add(latencyMs);
                circuit.onFailure(now);
            } else {
                circuit.onNeutral();
            }
            if (circuit.state().circuit() != before) {
                LOG.atWarn()
                        .addKeyValue("provider", provider)
                        .addKeyValue("circuit", circuit.state().circuit())
                        .log("circuit changed");
                onChange.run();
            }
            reportMetrics();
            drain();
        }
    }

    /**
     * Tells the events the circuit's state and the quota's figures as they are now; called after every
     * grant and settlement and by the lane's periodic refresh (windows also empty as time passes).
     */
    public void reportMetrics() {
        Instant now = clock.instant();
        events.circuit(provider, circuit.state().circuit());
        List<QuotaFigure> figures = new ArrayList<>(Dimension.values().length);
        for (Dimension d : Dimension.values()) {
            long limit = ledger.accountLimit(d);
            long share = ledger.limit(d);
            figures.add(new QuotaFigure(
                    d,
                    ledger.used(d, now),
                    limit == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(limit),
                    share == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(share)));
        }
        events.quota(provider, figures);
    }

    public QuotaLedger ledger() {
        return ledger;
    }

    public CircuitBreaker circuit() {
        return circuit;
    }

    public LatencyWindow latencies() {
        return latencies;
    }

    /** Calls sent to the provider so far. */
    public long calls() {
        return calls;
    }

    /** Calls the provider answered with 429 so far. */
    public long rateLimited() {
        return rateLimited;
    }

    /** Whether the account answered out of credit or quota for this run, so that no call of it is sent any more. */
    public boolean pausedFor(String runId) {
        return unpaid.containsKey(runId);
    }

    /** Calls waiting for the quota or the circuit. */
    public int waiting() {
        return queue.size();
    }

    /** A call waiting at the gate; {@code heldBy} is the last quota dimension that made it wait. */
    private static final class Waiter {
        final Reservation reservation;
        final Promise<Permit> promise;
        final String model;
        final String runId;
        final Instant enqueued;
        Dimension heldBy;

        Waiter(Reservation reservation, Promise<Permit> promise, String model, String runId, Instant enqueued) {
            this.reservation = reservation;
            this.promise = promise;
            this.model = model;
            this.runId = runId;
            this.enqueued = enqueued;
        }
    }
}
