package dev.nightshift.worker.batch;

import dev.nightshift.core.batch.BatchTurnarounds;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.attempt.AttemptOutcomes;
import dev.nightshift.worker.attempt.OutcomePolicy;
import dev.nightshift.worker.lane.Disposition;
import dev.nightshift.worker.lane.RunStops;
import dev.nightshift.worker.metrics.CallEnded;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a provider's written-down batches to their end, on the lane's Vert.x context: submits a collected batch (or,
 * one read back after a restart, first looks it up at the provider, where it may have arrived just before the crash),
 * records the provider's id, polls with a growing interval, and once the batch has ended publishes one attempt per
 * member, joined on its custom id, through {@link AttemptOutcomes} at the batch price; then forgets the batch. A batch
 * whose run is stopped is cancelled at the provider: what it answered before the cancel is published (billed), what it
 * did not run is ledgered as failed at $0 and terminal.
 */
public final class BatchTracker {
    private static final Logger LOG = LoggerFactory.getLogger(BatchTracker.class);
    /** The first poll after a submission, and how far polls spread out (on the worker's clock). */
    static final Duration FIRST_POLL = Duration.ofSeconds(2);

    static final Duration LONGEST_POLL = Duration.ofSeconds(60);
    /** How often stopped runs are looked for among the batches (real time: a stop should cancel promptly). */
    private static final long STOP_CHECK_MS = 500;

    private final Vertx vertx;
    private final Context context;
    private final String provider;
    private final NightshiftConfig config;
    private final BatchClient client;
    private final BatchStore store;
    private final AttemptOutcomes outcomes;
    private final RunStops stops;
    private final TimeScale time;
    private final InstantSource clock;
    private final WorkerEvents events;
    private final BatchCalls calls;
    private final Map<String, Tracked> batches = new LinkedHashMap<>();
    private final BatchTurnarounds turnarounds;
    private final AtomicInteger submitting = new AtomicInteger();
    private volatile int collecting;
    private long stopCheck = -1;

    BatchTracker(
            Vertx vertx,
            Context context,
            String provider,
            NightshiftConfig config,
            BatchClient client,
            BatchStore store,
            AttemptOutcomes outcomes,
            RunStops stops,
            TimeScale time,
            WorkerEvents events) {
        this.vertx = vertx;
        this.context = context;
        this.provider = provider;
        this.config = config;
        this.turnarounds = new BatchTurnarounds(config);
        this.client = client;
        this.store = store;
        this.outcomes = outcomes;
        this.stops = stops;
        this.time = time;
        this.clock = time.clock();
        this.events = events;
        this.calls = new BatchCalls(provider, config.providers().get(provider));
    }

    /** One batch being taken to its end. */
    private static final class Tracked {
        PendingBatch batch;
        int polls;
        long timer = -1;
        boolean cancelledByRun;
        boolean ending;

        Tracked(PendingBatch batch) {
            this.batch = batch;
        }

        String id() {
            return batch.record().batchId();
        }
    }

    /**
     * Takes up a batch (on the context). {@code resumed}: read back after a restart, so a collected one may already be
     * at the provider.
     */
    void take(PendingBatch batch, boolean resumed) {
        resume(List.of(batch), resumed);
    }

    /**
     * Takes up batches read back after a restart (on the context): all are known before any is looked up, so that none
     * is taken for another at a provider that cannot tell them apart.
     */
    void resume(List<PendingBatch> read, boolean resumed) {
        context.runOnContext(v -> {
            if (stopCheck < 0) {
                stopCheck = vertx.setPeriodic(STOP_CHECK_MS, t -> cancelStopped());
            }
            List<Tracked> taken = new ArrayList<>();
            for (PendingBatch batch : read) {
                if (!batches.containsKey(batch.record().batchId())) {
                    Tracked t = new Tracked(batch);
                    batches.put(t.id(), t);
                    taken.add(t);
                }
            }
            report();
            taken.forEach(t -> start(t, resumed));
        });
    }

    /** How long this provider's batches are expected to take: as this worker saw them end, else as configured. */
    Duration expectedTurnaround() {
        return turnarounds.of(provider);
    }

    private void start(Tracked t, boolean resumed) {
        PendingBatch batch = t.batch;
        if (batch.members().isEmpty()) {
            // Nothing to submit or publish: its members' records were forgotten (an earlier owner published them).
            batches.remove(t.id());
            report();
            logged(store.forget(batch.record()), t, "could not forget a batch without members");
            return;
        }
        if (!batch.complete()) {
            LOG.atWarn()
                    .addKeyValue("provider", provider)
                    .addKeyValue("batchId", t.id())
                    .log("some members of this batch could not be read back; only those read are published");
        }
        if (batch.record().state() == BatchRecord.State.SUBMITTED) {
            schedulePoll(t);
        } else if (resumed) {
            lookUpThenSubmit(t);
        } else {
            // A job's first attempt collected for the first time has started, as on the synchronous lane.
            batch.members().values().stream().filter(r -> r.attempt() == 1).forEach(r -> events.jobStarted(r.job()));
            submit(t);
        }
    }

    /** Stops working every batch (the lane was given to another worker, or stops): its records stay for the next. */
    void release() {
        context.runOnContext(v -> {
            batches.values().forEach(t -> vertx.cancelTimer(t.timer));
            batches.clear();
            if (stopCheck >= 0) {
                vertx.cancelTimer(stopCheck);
                stopCheck = -1;
            }
            report();
        });
    }

    /** True while a submission is on its way to the provider (its answer must be recorded before the lane is let go). */
    boolean submitting() {
        return submitting.get() > 0;
    }

    /** Requests being collected by the lane, for the waiting-items gauge. */
    void collecting(int requests) {
        this.collecting = requests;
        context.runOnContext(v -> report());
    }

    private boolean tracked(Tracked t) {
        return batches.get(t.id()) == t;
    }

    private void lookUpThenSubmit(Tracked t) {
        BatchRecord r = t.batch.record();
        Set<String> claimed = new HashSet<>();
        batches.values().forEach(o -> {
            if (o.batch.record().providerBatchId() != null) {
                claimed.add(o.batch.record().providerBatchId());
            }
        });
        client.find(new SubmittedBefore(
                        r.batchId(), r.collectedAt(), r.members().size(), claimed))
                .onComplete(ar -> {
                    if (!tracked(t)) {
                        return;
                    }
                    if (ar.failed()) {
                        retryLater(t, ar.cause(), () -> lookUpThenSubmit(t));
                    } else if (ar.result().isPresent()) {
                        LOG.atInfo()
                                .addKeyValue("provider", provider)
                                .addKeyValue("batchId", r.batchId())
                                .addKeyValue("providerBatchId", ar.result().get())
                                .log(
                                        "found a batch submitted before a restart; polling it instead of submitting again");
                        recordSubmitted(t, ar.result().get(), clock.instant());
                    } else {
                        submit(t);
                    }
                });
    }

    private void submit(Tracked t) {
        BatchRecord r = t.batch.record();
        if (t.cancelledByRun || stops.stops(r.runId(), r.generation())) {
            notSubmitted(t);
            return;
        }
        List<BatchEntry> entries = new ArrayList<>();
        t.batch.members().forEach((customId, request) -> calls.call(request)
                .ifPresent(call -> entries.add(new BatchEntry(customId, call))));
        submitting.incrementAndGet();
        Instant at = clock.instant();
        client.submit(r.batchId(), calls.wireModel(r.model()), entries).onComplete(ar -> {
            submitting.decrementAndGet();
            if (!tracked(t)) {
                return;
            }
            if (ar.succeeded()) {
                LOG.atInfo()
                        .addKeyValue("provider", provider)
                        .addKeyValue("batchId", r.batchId())
                        .addKeyValue("providerBatchId", ar.result())
                        .addKeyValue("requests", entries.size())
                        .log("batch submitted");
                recordSubmitted(t, ar.result(), at);
                return;
            }
            ProviderFailure failure = failure(ar.cause());
            if (failure.retryable()) {
                retryLater(t, ar.cause(), () -> lookUpThenSubmit(t));
            } else {
                failAll(t, failure);
            }
        });
    }

    private void recordSubmitted(Tracked t, String providerBatchId, Instant at) {
        t.batch = t.batch.with(t.batch.record().submitted(providerBatchId, at));
        t.polls = 0;
        report();
        // Written without waiting: if it is lost, a restarted worker finds the batch at the provider by our id.
        logged(store.write(t.batch, false), t, "could not record the batch's submission; a restart will look it up");
        if (t.cancelledByRun) {
            cancel(t);
        } else {
            schedulePoll(t);
        }
    }

    /** A write to the batches topic nobody waits for: what a lost one leads to is said in {@code whatThen}. */
    @SuppressWarnings("FutureReturnValueIgnored")
    private void logged(java.util.concurrent.CompletableFuture<Void> write, Tracked t, String whatThen) {
        write.whenComplete((v, e) -> {
            if (e != null) {
                LOG.atWarn()
                        .addKeyValue("provider", provider)
                        .addKeyValue("batchId", t.id())
                        .log(whatThen + ": " + e);
            }
        });
    }

    private void schedulePoll(Tracked t) {
        Duration wait = pollWait(t.polls++);
        t.timer = vertx.setTimer(time.timerMillis(wait), id -> poll(t));
    }

    /** 2 s, then half as long again each time, up to a minute. */
    static Duration pollWait(int polls) {
        double ms = FIRST_POLL.toMillis() * Math.pow(1.5, Math.min(polls, 20));
        return ms >= LONGEST_POLL.toMillis() ? LONGEST_POLL : Duration.ofMillis((long) ms);
    }

    private void retryLater(Tracked t, Throwable cause, Runnable again) {
        LOG.atWarn()
                .addKeyValue("provider", provider)
                .addKeyValue("batchId", t.id())
                .log("batch call failed; trying again: " + cause.getMessage());
        Duration wait = pollWait(t.polls++);
        t.timer = vertx.setTimer(time.timerMillis(wait), id -> {
            if (tracked(t)) {
                again.run();
            }
        });
    }

    private void poll(Tracked t) {
        if (!tracked(t) || t.ending) {
            return;
        }
        String providerBatchId = t.batch.record().providerBatchId();
        client.status(providerBatchId)
                .compose(status -> {
                    if (!status.ended()) {
                        return Future.succeededFuture(false);
                    }
                    t.ending = true;
                    return client.results(status, t.batch.record().members())
                            .compose(results -> publish(t, status, results))
                            .map(true);
                })
                .onComplete(ar -> {
                    if (!tracked(t)) {
                        return;
                    }
                    if (ar.succeeded() && ar.result()) {
                        batches.remove(t.id());
                        report();
                        logged(
                                store.forget(t.batch.record()),
                                t,
                                "could not forget the ended batch; a restart publishes it again");
                    } else {
                        t.ending = false;
                        if (ar.failed()) {
                            LOG.atWarn()
                                    .addKeyValue("provider", provider)
                                    .addKeyValue("batchId", t.id())
                                    .log("polling the batch failed; polling again: " + ar.cause());
                        }
                        schedulePoll(t);
                    }
                });
    }

    /** Cancels at the provider every batch whose run was stopped; its answers still come back and are published. */
    private void cancelStopped() {
        for (Tracked t : List.copyOf(batches.values())) {
            BatchRecord r = t.batch.record();
            if (t.cancelledByRun || !stops.stops(r.runId(), r.generation())) {
                continue;
            }
            t.cancelledByRun = true;
            // A batch not yet submitted is not submitted at all; one being submitted is cancelled once it is.
            if (r.state() == BatchRecord.State.SUBMITTED) {
                cancel(t);
            }
        }
    }

    private void cancel(Tracked t) {
        BatchRecord r = t.batch.record();
        LOG.atInfo()
                .addKeyValue("provider", provider)
                .addKeyValue("runId", r.runId())
                .addKeyValue("batchId", r.batchId())
                .log("the batch's run was stopped; cancelling the batch");
        client.cancel(r.providerBatchId()).onComplete(ar -> {
            if (ar.failed()) {
                LOG.atWarn()
                        .addKeyValue("provider", provider)
                        .addKeyValue("batchId", r.batchId())
                        .log("cancelling the batch failed; it runs to its end: "
                                + ar.cause().getMessage());
            }
            if (tracked(t)) {
                vertx.cancelTimer(t.timer);
                t.polls = 0;
                schedulePoll(t);
            }
        });
    }

    private Future<Void> publish(Tracked t, BatchStatus status, Map<String, ItemOutcome> results) {
        BatchRecord r = t.batch.record();
        Instant started = r.submittedAt() == null ? clock.instant() : r.submittedAt();
        Instant finished =
                status.endedAt() != null && !status.endedAt().isBefore(started) ? status.endedAt() : clock.instant();
        AttemptOutcomes.Made made = new AttemptOutcomes.Made(
                outcomes.lastDelivery(),
                started,
                finished,
                Duration.between(started, finished).toMillis(),
                ServiceTier.BATCH);
        List<Future<Disposition>> published = new ArrayList<>();
        t.batch.members().forEach((customId, request) -> {
            ItemOutcome outcome = results.get(customId);
            if (outcome != null) {
                published.add(publish(request, outcome, made, t.cancelledByRun));
            }
        });
        events.batchEnded(provider, status.endState(), Duration.between(started, finished));
        turnarounds.observe(provider, Duration.between(started, finished));
        LOG.atInfo()
                .addKeyValue("provider", provider)
                .addKeyValue("batchId", r.batchId())
                .addKeyValue("state", status.state())
                .addKeyValue("requests", published.size())
                .log("batch ended; publishing its attempts");
        return Future.all(published).mapEmpty();
    }

    private Future<Disposition> publish(
            LaneRequest request, ItemOutcome outcome, AttemptOutcomes.Made made, boolean cancelledByRun) {
        if (outcome instanceof ItemOutcome.Answered a) {
            ended(request, a.completion().usage(), null, made);
            return outcomes.answered(context, request, made, a.completion(), 0);
        }
        if (outcome instanceof ItemOutcome.Failed f) {
            ended(request, f.billed(), f.failure().failureClass(), made);
            return outcomes.failed(
                    context,
                    request,
                    made,
                    f.failure().failureClass(),
                    f.failure().reason(),
                    f.billed(),
                    null,
                    Optional.empty(),
                    null);
        }
        ItemOutcome.NotRun n = (ItemOutcome.NotRun) outcome;
        if (cancelledByRun) {
            // The run is over: nobody routes this request again, so its line ends the job, at no cost.
            return outcomes.terminal(
                            context,
                            request,
                            made,
                            FailureClass.BATCH_EXPIRED,
                            "not run: its run was stopped and the batch cancelled",
                            Usage.NOT_REPORTED,
                            null)
                    .map(Disposition.ACCEPT);
        }
        return outcomes.failed(
                context,
                request,
                made,
                FailureClass.BATCH_EXPIRED,
                n.reason(),
                Usage.NOT_REPORTED,
                null,
                Optional.empty(),
                OutcomePolicy.Step.FAILOVER);
    }

    /** A batch whose run stopped before it was submitted: none of it runs, and nobody routes it again. */
    private void notSubmitted(Tracked t) {
        Instant now = clock.instant();
        AttemptOutcomes.Made made = new AttemptOutcomes.Made(outcomes.lastDelivery(), now, now, 0, ServiceTier.BATCH);
        List<Future<Disposition>> published = new ArrayList<>();
        t.batch
                .members()
                .values()
                .forEach(request -> published.add(
                        publish(request, new ItemOutcome.NotRun(true, "its run was stopped"), made, true)));
        forgetOnceAll(t, published, () -> notSubmitted(t));
    }

    private void forgetOnceAll(Tracked t, List<Future<Disposition>> published, Runnable again) {
        Future.all(published).onComplete(ar -> {
            if (tracked(t) && ar.succeeded()) {
                batches.remove(t.id());
                report();
                logged(
                        store.forget(t.batch.record()),
                        t,
                        "could not forget the ended batch; a restart publishes it again");
            } else if (tracked(t)) {
                retryLater(t, ar.cause(), again);
            }
        });
    }

    /** Every member fails with the provider's refusal of the whole batch (billed nothing). */
    private void failAll(Tracked t, ProviderFailure failure) {
        Instant now = clock.instant();
        AttemptOutcomes.Made made = new AttemptOutcomes.Made(outcomes.lastDelivery(), now, now, 0, ServiceTier.BATCH);
        List<Future<Disposition>> published = new ArrayList<>();
        t.batch
                .members()
                .values()
                .forEach(request -> published.add(outcomes.failed(
                        context,
                        request,
                        made,
                        failure.failureClass(),
                        "the provider refused the batch: " + failure.reason(),
                        Usage.NOT_REPORTED,
                        null,
                        Optional.empty(),
                        null)));
        forgetOnceAll(t, published, () -> failAll(t, failure));
    }

    private void ended(LaneRequest request, Usage usage, FailureClass failureClass, AttemptOutcomes.Made made) {
        Money cost = outcomes.cost(request, usage, ServiceTier.BATCH);
        Money baseline = config.baseline() == null
                ? null
                : config.price(config.baseline()).cost(usage);
        events.callEnded(new CallEnded(
                provider,
                request.model().model(),
                request.job().task(),
                request.job().tenant(),
                failureClass == null ? Outcome.SUCCEEDED : Outcome.FAILED,
                failureClass,
                usage,
                cost,
                baseline,
                Duration.ofMillis(made.latencyMs())));
    }

    private static ProviderFailure failure(Throwable cause) {
        return cause instanceof ProviderCallException e
                ? e.failure()
                : new ProviderFailure.Transient(
                        null, "unexpected client failure: " + cause.getClass().getSimpleName());
    }

    private void report() {
        int open = 0;
        int items = collecting;
        for (Tracked t : batches.values()) {
            items += t.batch.members().size();
            if (t.batch.record().state() == BatchRecord.State.SUBMITTED) {
                open++;
            }
        }
        events.batches(provider, open, items);
    }

    /** Batches taken up and not yet ended; for tests. */
    public int tracked() {
        return batches.size();
    }
}
