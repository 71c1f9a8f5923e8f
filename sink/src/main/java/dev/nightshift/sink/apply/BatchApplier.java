package dev.nightshift.sink.apply;

import dev.nightshift.core.artifact.ArtifactPaths;
import dev.nightshift.core.artifact.ExtractedText;
import dev.nightshift.core.artifact.ReplyTextExtractor;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.attempt.LaneRetryAttempts;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.aggregate.AggregateDeltas;
import dev.nightshift.sink.aggregate.AggregateKeys;
import dev.nightshift.sink.cache.CacheEntry;
import dev.nightshift.sink.cache.CachedArtifact;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.docs.PendingDoc;
import dev.nightshift.sink.eval.EvaluationArm;
import dev.nightshift.sink.ledger.AttemptCalls;
import dev.nightshift.sink.ledger.OpenCalls;
import dev.nightshift.sink.metrics.SinkEvents;
import dev.nightshift.sink.routing.RoutingStatsFold;
import dev.nightshift.sink.run.FileCoverage;
import dev.nightshift.sink.run.JobCounts;
import dev.nightshift.sink.run.RunEstimate;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.run.RunRecord.JobCountsChange;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.Keys;
import dev.nightshift.sink.store.KnownValues;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sink.store.StoreTxn;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.DocsTotals;
import dev.nightshift.sinkapi.run.JobRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies records to the store, all of one call in one atomic, synced {@code WriteBatch}: the ledger
 * entry, the job's state, the run's counts, the aggregates and the artifact of a result land together
 * or not at all. Idempotent: a result whose (runId, jobId, attempt) is already in the ledger, a plan
 * already applied, or a dead letter for a job that already ended, writes nothing.
 * Single writer: call from one thread only.
 */
public final class BatchApplier {
    private static final Logger LOG = LoggerFactory.getLogger(BatchApplier.class);
    private final SinkStore store;
    private final InstantSource clock;
    /** How fast the routing statistics forget: the half-life their cells are decayed by. */
    private final Duration routingHalfLife;
    /**
     * Records touched batch after batch, kept in memory as last written: aggregates (the scopes × dimensions of
     * the active runs, tenants and days) and runs. Job records are not: most are touched once or twice.
     */
    private final Map<Cf, KnownValues<?>> known = Map.of(
            Cf.AGGREGATES, new KnownValues<>(Aggregate.class, 20_000),
            Cf.RUNS, new KnownValues<>(RunRecord.class, 1_000));

    public BatchApplier(SinkStore store, InstantSource clock) {
        this(store, clock, RoutingCell.DEFAULT_HALF_LIFE);
    }

    /** @param routingHalfLife the half-life of the routing statistics' decayed counts */
    public BatchApplier(SinkStore store, InstantSource clock, Duration routingHalfLife) {
        this.store = store;
        this.clock = clock;
        this.routingHalfLife = routingHalfLife;
    }

    /**
     * What one call changed: counts, the runs touched, the metric events to emit once the batch is
     * durable (never before, so a batch retried after a failed write does not count twice), and the
     * artifacts it put in the cache, to announce on {@code nightshift.cache} once durable, and the routing
     * statistics cells it changed, to publish on {@code nightshift.routing-stats} once durable.
     */
    public record Applied(
            int applied,
            int duplicates,
            Set<String> runs,
            List<Consumer<SinkEvents>> events,
            List<CacheEntry> cached,
            Set<PendingDoc> docsToCheck,
            List<RoutingCell> routingCells) {
        public Applied(int applied, int duplicates, Set<String> runs, List<Consumer<SinkEvents>> events) {
            this(applied, duplicates, runs, events, List.of(), Set.of(), List.of());
        }

        public Applied(
                int applied,
                int duplicates,
                Set<String> runs,
                List<Consumer<SinkEvents>> events,
                List<CacheEntry> cached,
                Set<PendingDoc> docsToCheck) {
            this(applied, duplicates, runs, events, cached, docsToCheck, List.of());
        }

        /** Reports each touched run's status first (so its gauges exist), then the batch's events. */
        public void emit(SinkEvents sink, java.util.function.Function<String, RunStatus> runStatus) {
            for (String run : runs) {
                RunStatus status = runStatus.apply(run);
                if (status != null) {
                    sink.runProgress(status);
                }
            }
            events.forEach(e -> e.accept(sink));
        }
    }

    /** What the records of one call add up to before the write. */
    private static final class Batch {
        final AggregateDeltas deltas = new AggregateDeltas();
        final Set<String> runs = new LinkedHashSet<>();
        final List<Consumer<SinkEvents>> events = new ArrayList<>();
        final List<CacheEntry> cached = new ArrayList<>();
        /** Waiting documents one of whose children ended or got its text in this batch, or that arrived in it. */
        final Set<PendingDoc> docsToCheck = new LinkedHashSet<>();

        final RoutingStatsFold routing;

        Batch(RoutingStatsFold routing) {
            this.routing = routing;
        }
    }

    public Applied apply(List<? extends Incoming> records) {
        Instant now = clock.instant();
        int applied = 0;
        Batch b = new Batch(new RoutingStatsFold(store, routingHalfLife));
        try (StoreTxn txn = new StoreTxn(store, known, Stored.codec())) {
            txn.prefetch(Cf.JOBS, jobKeys(records));
            for (Incoming in : records) {
                applied += applyOne(txn, b, in, now) ? 1 : 0;
            }
            addAggregates(txn, b.deltas);
            txn.commit();
        }
        return new Applied(
                applied, records.size() - applied, b.runs, b.events, b.cached, b.docsToCheck, b.routing.changed());
    }

    /** Each touched aggregate once: its durable value (in memory, else read in one multi-get) plus the delta. */
    private static void addAggregates(StoreTxn txn, AggregateDeltas deltas) {
        List<Map.Entry<byte[], Aggregate>> touched = new ArrayList<>();
        deltas.forEach((key, delta) -> touched.add(Map.entry(key, delta)));
        txn.prefetch(Cf.AGGREGATES, touched.stream().map(Map.Entry::getKey).toList());
        for (Map.Entry<byte[], Aggregate> t : touched) {
            Aggregate current = txn.get(Cf.AGGREGATES, t.getKey(), Aggregate.class);
            txn.put(Cf.AGGREGATES, t.getKey(), current == null ? t.getValue() : current.plus(t.getValue()));
        }
    }

    private static List<byte[]> jobKeys(List<? extends Incoming> records) {
        List<byte[]> keys = new ArrayList<>(records.size());
        for (Incoming in : records) {
            if (in instanceof Incoming.Event e) {
                try {
                    keys.add(StoreKeys.job(e.event().runId(), e.event().jobId()));
                } catch (IllegalArgumentException invalid) {
                    // not fetched: the record fails where it is applied, and takes its whole batch with it
                }
            }
        }
        return keys;
    }

    private boolean applyOne(StoreTxn txn, Batch b, Incoming in, Instant now) {
        if (in instanceof Incoming.Plan p) {
            b.runs.add(p.plan().runId());
            return applyPlan(txn, p.plan(), now);
        }
        if (in instanceof Incoming.Event e) {
            b.runs.add(e.event().runId());
            return e.event() instanceof AttemptResult r
                    ? applyResult(txn, b, r, now)
                    : applyEnd(txn, b, e.event(), now);
        }
        if (in instanceof Incoming.Call c) {
            b.runs.add(c.started().runId());
            return applyCallStarted(txn, c.started());
        }
        if (in instanceof Incoming.DocAwaitingChildren d) {
            return awaitChildren(txn, b, d.job());
        }
        if (in instanceof Incoming.Control c) {
            b.runs.add(c.control().runId());
            return applyControl(txn, b, c.control(), now);
        }
        Incoming.DeadLetter d = (Incoming.DeadLetter) in;
        b.runs.add(d.request().job().runId());
        return applyDeadLetter(txn, b, d, now);
    }

    private boolean applyPlan(StoreTxn txn, RunPlanned plan, Instant now) {
        byte[] runKey = StoreKeys.run(plan.runId());
        RunRecord run = txn.get(Cf.RUNS, runKey, RunRecord.class);
        if (run != null && run.planned()) {
            return false;
        }
        JobCounts counts = JobCounts.NONE;
        LinkedHashSet<String> jobIds = new LinkedHashSet<>(plan.jobIds());
        for (String jobId : jobIds) {
            byte[] jobKey = StoreKeys.job(plan.runId(), jobId);
            JobRecord job = txn.get(Cf.JOBS, jobKey, JobRecord.class);
            if (job == null) {
                txn.put(Cf.JOBS, jobKey, JobRecord.planned(plan.runId(), jobId, now));
            } else {
                txn.put(Cf.JOBS, jobKey, job.markedInPlan());
                counts = counts.plus(job.state());
            }
        }
        RunRecord base = run != null
                ? run
                : RunRecord.unplanned(
                        plan.runId(), plan.tenant(), plan.repository(), plan.commit(), plan.task(), plan.simulated());
        RunRecord planned = base.withPlan(
                plan.tenant(),
                plan.repository(),
                plan.commit(),
                plan.task(),
                plan.simulated(),
                jobIds.size(),
                counts,
                plan.skipped(),
                plan.plannedAt() == null ? now : plan.plannedAt(),
                plan.maxCost());
        txn.put(Cf.RUNS, runKey, planned);
        if (plan.estimate() != null) {
            txn.put(Cf.AGGREGATES, AggregateKeys.runEstimate(plan.runId()), new RunEstimate(plan.estimate()));
        }
        EvaluationArm arm = EvaluationArm.of(plan, now);
        if (arm != null) {
            txn.put(Cf.EVALUATIONS, StoreKeys.evaluationArm(arm.evaluationId(), arm.runId()), arm);
        }
        LOG.atInfo()
                .addKeyValue("runId", plan.runId())
                .addKeyValue("jobs", jobIds.size())
                .addKeyValue("alreadyTerminal", counts.terminal())
                .log("run plan stored");
        return true;
    }

    /**
     * A run's new standing. A cancellation also ends every job of the run that has not ended, as cancelled: answers
     * still under way are booked when they come, but no longer change a job's state.
     */
    private boolean applyControl(StoreTxn txn, Batch b, RunControl control, Instant now) {
        byte[] runKey = StoreKeys.run(control.runId());
        RunRecord run = txn.get(Cf.RUNS, runKey, RunRecord.class);
        if (run == null) {
            LOG.atWarn()
                    .addKeyValue("runId", control.runId())
                    .log("ignoring a {} for a run the sink does not know", control.action());
            return false;
        }
        if (control.equals(run.control())) {
            return false;
        }
        run = run.withControl(control);
        if (control.action() == RunControl.Action.CANCELLED) {
            run = cancelUnfinished(txn, b, run, control, now);
        }
        txn.put(Cf.RUNS, runKey, run);
        LOG.atInfo()
                .addKeyValue("runId", control.runId())
                .addKeyValue("generation", control.generation())
                .log("run {}: {}", control.action().name().toLowerCase(java.util.Locale.ROOT), control.reason());
        return true;
    }

    private RunRecord cancelUnfinished(StoreTxn txn, Batch b, RunRecord run, RunControl control, Instant now) {
        List<byte[]> keys = new ArrayList<>();
        store.scan(Cf.JOBS, StoreKeys.jobsOf(run.runId()), (k, v) -> keys.add(k));
        String reason = "cancelled: " + control.reason();
        RunRecord updated = run;
        for (byte[] key : keys) {
            JobRecord job = txn.get(Cf.JOBS, key, JobRecord.class);
            if (job == null || job.terminal()) {
                continue;
            }
            JobRecord cancelled = job.withState(JobState.CANCELLED, null, reason, now);
            txn.put(Cf.JOBS, key, cancelled);
            updated = updated.withTerminal(
                    new JobCountsChange(JobState.CANCELLED, cancelled.inPlan() && updated.planned(), 0), now);
            String tenant = updated.tenant();
            b.events.add(e -> e.jobEnded(run.runId(), JobState.CANCELLED, run.task(), tenant));
        }
        return updated;
    }

    private static boolean applyCallStarted(StoreTxn txn, CallStarted call) {
        byte[] key = StoreKeys.calls(call.runId(), call.jobId(), call.attempt());
        AttemptCalls calls =
                Optional.ofNullable(txn.get(Cf.CALLS, key, AttemptCalls.class)).orElse(AttemptCalls.NONE);
        AttemptCalls next = calls.opened(call);
        if (next.equals(calls)) {
            return false;
        }
        putCalls(txn, call.runId(), key, calls, next);
        return true;
    }

    /** An attempt's calls, and its run's index of open calls when they changed which are open. */
    private static void putCalls(StoreTxn txn, String runId, byte[] key, AttemptCalls before, AttemptCalls after) {
        txn.put(Cf.CALLS, key, after);
        if (!before.open().equals(after.open())) {
            byte[] openKey = StoreKeys.openCalls(runId);
            OpenCalls open = Optional.ofNullable(txn.get(Cf.CALLS, openKey, OpenCalls.class))
                    .orElse(OpenCalls.NONE);
            txn.put(Cf.CALLS, openKey, open.changed(before.open(), after.open()));
        }
    }

    /**
     * The call a booked attempt ends is no longer open, unless it was given up at its deadline: its outcome stays
     * unknown. A call retried in the lane is booked under its own number, which names its delivery; an attempt under
     * the routed number ends the last call made for it. Attempts nobody called a provider for (the router's, the
     * cache's) have no call to settle.
     */
    private static void settleCall(StoreTxn txn, AttemptResult r) {
        if (r.failureClass() == FailureClass.OUTCOME_UNKNOWN) {
            return;
        }
        boolean laneRetry = LaneRetryAttempts.isLaneRetry(r.attempt());
        int routed = laneRetry ? LaneRetryAttempts.routedOf(r.attempt()) : r.attempt();
        byte[] key = StoreKeys.calls(r.runId(), r.jobId(), routed);
        AttemptCalls calls = txn.get(Cf.CALLS, key, AttemptCalls.class);
        if (calls == null || calls.open().isEmpty()) {
            return;
        }
        putCalls(
                txn,
                r.runId(),
                key,
                calls,
                laneRetry ? calls.settled(LaneRetryAttempts.deliveryOf(r.attempt())) : calls.lastSettled());
    }

    private boolean applyResult(StoreTxn txn, Batch b, AttemptResult r, Instant now) {
        byte[] ledgerKey = StoreKeys.ledger(r.runId(), r.jobId(), r.attempt());
        byte[] jobKey = StoreKeys.job(r.runId(), r.jobId());
        JobRecord job = txn.get(Cf.JOBS, jobKey, JobRecord.class);
        if (inLedger(txn, job, ledgerKey, r.attempt())) {
            LOG.atDebug()
                    .addKeyValue("runId", r.runId())
                    .addKeyValue("jobId", r.jobId())
                    .addKeyValue("attempt", r.attempt())
                    .log("result already in the ledger; redelivery ignored");
            return false;
        }
        LedgerEntry entry = LedgerEntry.from(r, now);
        txn.put(Cf.LEDGER, ledgerKey, entry);
        settleCall(txn, r);
        b.deltas.add(entry);
        b.routing.observe(txn, r);
        if (r.outcome() == Outcome.FAILED) {
            b.events.add(e -> e.attemptFailed(r.runId(), r.failureClass()));
        }
        Validation v = r.validation();
        if (r.task() == TaskType.TESTS || v != null) {
            Verdict verdict = v == null ? null : v.verdict();
            b.events.add(e -> e.testAttempt(r.provider(), r.model(), r.language(), verdict, r.cost()));
        }

        byte[] runKey = StoreKeys.run(r.runId());
        RunRecord run = txn.get(Cf.RUNS, runKey, RunRecord.class);
        if (run == null) {
            run = RunRecord.unplanned(
                    r.runId(), entry.tenant(), entry.repository(), entry.commit(), r.task(), r.simulated());
        }
        run = run.withAttempt(now);

        if (job == null) {
            job = JobRecord.unplanned(r.runId(), r.jobId(), now);
        }
        job = job.withJobOf(r.job(), now);
        boolean wasTerminal = job.terminal();
        JobState next = stateAfter(r);
        boolean rejected = (v != null || r.docsReview() != null) && r.outcome() == Outcome.FAILED;
        JobRecord updated = job.withAttempt(
                r.attempt(),
                r.unitPath(),
                entry.model(),
                entry.cost(),
                next,
                r.failureClass(),
                r.failureReason(),
                false,
                v == null ? null : v.verdict(),
                rejected,
                now);
        txn.put(Cf.JOBS, jobKey, updated);
        boolean delivered = !wasTerminal && next == JobState.SUCCEEDED;
        if (v != null) {
            run = withCoverage(txn, run, r, v, delivered);
        }
        if (!wasTerminal && next.terminal()) {
            run = ended(b, run, r.job(), next, updated, now);
            if (next == JobState.SUCCEEDED) {
                storeArtifact(txn, b, new Answer(r.job(), r.artifact(), entry.model(), r.attempt(), v), updated, now);
                if (v != null) {
                    run = run.withTests(run.tests()
                            .delivered(job.rejections() > 0, !entry.model().equals(updated.firstModel())));
                }
            }
            LOG.atDebug()
                    .addKeyValue("runId", r.runId())
                    .addKeyValue("jobId", r.jobId())
                    .addKeyValue("model", entry.model())
                    .addKeyValue("attempt", r.attempt())
                    .addKeyValue("state", next)
                    .log("job ended");
        }
        if (rejected && r.artifact() != null && v != null) {
            storeRejected(txn, r, updated, entry, v, now);
        }
        if (r.docsReview() != null) {
            countDocs(txn, r, !wasTerminal && next == JobState.SUCCEEDED, job.rejections() > 0);
        }
        txn.put(Cf.RUNS, runKey, run);
        return true;
    }

    /** Adds a reviewed document attempt to its run's documentation totals. */
    private static void countDocs(StoreTxn txn, AttemptResult r, boolean delivered, boolean afterReviewRound) {
        byte[] key = AggregateKeys.docsTotals(r.runId());
        DocsTotals before = txn.get(Cf.AGGREGATES, key, DocsTotals.class);
        txn.put(
                Cf.AGGREGATES,
                key,
                (before == null ? DocsTotals.NONE : before).plus(r.docsReview(), delivered, afterReviewRound));
    }

    /**
     * Counts the target file of a validated attempt in the run's coverage: once per file (its first measurement
     * gives its totals and the existing suite's coverage), plus the gains of each delivered test.
     */
    private static RunRecord withCoverage(
            StoreTxn txn, RunRecord run, AttemptResult r, Validation v, boolean delivered) {
        Coverage c = v.coverage();
        if (!FileCoverage.measured(c)) {
            return run;
        }
        byte[] key = AggregateKeys.coverage(r.runId(), targetFile(r.unitPath()));
        FileCoverage before = txn.get(Cf.AGGREGATES, key, FileCoverage.class);
        FileCoverage after = before != null ? before : FileCoverage.first(c);
        if (delivered) {
            after = after.plusGains(c.linesGained(), c.branchesGained());
        }
        if (after.equals(before)) {
            return run;
        }
        txn.put(Cf.AGGREGATES, key, after);
        return run.withTests(run.tests().withCoverage(before == null ? FileCoverage.NONE : before, after));
    }

    /** The file a unit belongs to: its path without the part after {@code #} (a type or line range). */
    static String targetFile(String unitPath) {
        String u = unitPath == null ? "" : unitPath;
        int hash = u.indexOf('#');
        return hash < 0 ? u : u.substring(0, hash);
    }

    /**
     * Redelivery check. The job record (written in the same batch as each of its ledger entries) says which
     * attempts are in the ledger, so no ledger read is needed; a job never seen has none. Only a record that
     * cannot tell (see {@link JobRecord#knowsAttempt}) sends us to the ledger.
     */
    private static boolean inLedger(StoreTxn txn, JobRecord job, byte[] ledgerKey, int attempt) {
        if (job == null) {
            return false;
        }
        Boolean known = job.knowsAttempt(attempt);
        return known != null ? known : txn.get(Cf.LEDGER, ledgerKey) != null;
    }

    private boolean applyDeadLetter(StoreTxn txn, Batch b, Incoming.DeadLetter d, Instant now) {
        Job j = d.request().job();
        byte[] jobKey = StoreKeys.job(j.runId(), j.jobId());
        JobRecord job = txn.get(Cf.JOBS, jobKey, JobRecord.class);
        // Counted even when the job already ended: a poison job's terminal result arrives before the broker's
        // copy, and the dead-letter counter is what operators watch.
        b.events.add(e -> e.deadLettered(d.request().model().provider()));
        if (job != null && job.terminal()) {
            return false;
        }
        byte[] runKey = StoreKeys.run(j.runId());
        RunRecord run = txn.get(Cf.RUNS, runKey, RunRecord.class);
        if (run == null) {
            run = RunRecord.unplanned(j.runId(), j.tenant(), j.repository(), j.commit(), j.task(), j.simulated());
        }
        JobRecord base =
                (job != null ? job : JobRecord.unplanned(j.runId(), j.jobId(), now)).withJobOf(JobRef.of(j), now);
        String reason = "dead-lettered on " + d.request().model() + ": "
                + (d.reason() == null ? "no reason given" : d.reason());
        JobRecord dead = base.withState(JobState.DEAD_LETTERED, j.unitPath(), reason, now);
        txn.put(Cf.JOBS, jobKey, dead);
        txn.put(
                Cf.RUNS,
                runKey,
                run.withTerminal(new JobCountsChange(JobState.DEAD_LETTERED, dead.inPlan() && run.planned(), 0), now));
        String tenant = run.tenant();
        b.events.add(e -> e.jobEnded(j.runId(), JobState.DEAD_LETTERED, j.task(), tenant));
        LOG.atWarn()
                .addKeyValue("runId", j.runId())
                .addKeyValue("jobId", j.jobId())
                .addKeyValue("model", d.request().model().toString())
                .log("job dead-lettered");
        return true;
    }

    /** The job's state after an attempt: running while it will be retried, else what the attempt's outcome says. */
    static JobState stateAfter(AttemptResult r) {
        if (!r.terminal()) {
            return JobState.RUNNING;
        }
        return r.outcome() == Outcome.SUCCEEDED ? JobState.SUCCEEDED : JobState.FAILED;
    }

    /** The run's counts, metrics and waiting documents once one of its jobs has ended. */
    private RunRecord ended(Batch b, RunRecord run, JobRef ref, JobState state, JobRecord job, Instant now) {
        RunRecord counted = run.withTerminal(
                new JobCountsChange(state, job.inPlan() && run.planned(), job.fromCache() ? 1 : 0), now);
        String tenant = counted.tenant();
        b.events.add(e -> e.jobEnded(ref.runId(), state, ref.task(), tenant));
        if (ref.task() == TaskType.DOCS) {
            // Only documents have waiting parents: a test result need not seek the index.
            b.docsToCheck.addAll(parentsWaiting(ref.runId(), ref.jobId()));
        }
        return counted;
    }

    /**
     * A job the router ended without a call: served from the cache (or by a job that did the same work), cancelled for
     * its budget, or given no model. Nothing was called, so nothing goes in the ledger; the job's state and its run's
     * counts change as for an attempt that ends it. A job that has already ended (this event redelivered, or its run
     * cancelled first) keeps its end.
     */
    private boolean applyEnd(StoreTxn txn, Batch b, JobEvent event, Instant now) {
        JobRef ref = event.job();
        byte[] jobKey = StoreKeys.job(ref.runId(), ref.jobId());
        JobRecord job = txn.get(Cf.JOBS, jobKey, JobRecord.class);
        if (job != null && job.terminal()) {
            return false;
        }
        byte[] runKey = StoreKeys.run(ref.runId());
        RunRecord run = txn.get(Cf.RUNS, runKey, RunRecord.class);
        if (run == null) {
            run = RunRecord.unplanned(
                    ref.runId(), ref.tenant(), ref.repository(), ref.commit(), ref.task(), ref.simulated());
        }
        JobRecord base = (job != null ? job : JobRecord.unplanned(ref.runId(), ref.jobId(), now)).withJobOf(ref, now);
        JobRecord updated;
        if (event instanceof ServedFromCache served) {
            updated = base.ended(JobState.SUCCEEDED, ref.unitPath(), CACHE_MODEL, null, served.source(), true, now);
        } else if (event instanceof CancelledByBudget cancelled) {
            updated = base.ended(
                    JobState.CANCELLED,
                    ref.unitPath(),
                    modelName(cancelled.model()),
                    null,
                    "cancelled by budget: " + cancelled.detail(),
                    false,
                    now);
        } else {
            NotRouted notRouted = (NotRouted) event;
            updated = base.ended(
                    JobState.FAILED,
                    ref.unitPath(),
                    modelName(notRouted.lastModel()),
                    notRouted.failureClass(),
                    notRouted.detail(),
                    false,
                    now);
        }
        txn.put(Cf.JOBS, jobKey, updated);
        run = ended(b, run, ref, updated.state(), updated, now);
        if (event instanceof ServedFromCache served) {
            storeArtifact(
                    txn, b, new Answer(ref, served.artifact(), CACHE_MODEL, updated.lastAttempt(), null), updated, now);
        }
        txn.put(Cf.RUNS, runKey, run);
        LOG.atDebug()
                .addKeyValue("runId", ref.runId())
                .addKeyValue("jobId", ref.jobId())
                .addKeyValue("state", updated.state())
                .log("job ended by the router: {}", updated.reason());
        return true;
    }

    /** What the job record and the artifact name as the model of a job served from the cache. */
    private static final String CACHE_MODEL = "cache";

    private static String modelName(ModelRef model) {
        return model == null ? null : model.toString();
    }

    /**
     * A job's answer: the reply text of its attempt (or of the job whose work it shares), {@code null} when it was served
     * from the artifact cache, whose text the sink holds.
     */
    private record Answer(JobRef job, String artifact, String model, int attempt, Validation validation) {}

    /**
     * Stores the job's artifact: the reply's text, or for a job served from the cache the cached text under the
     * content key its event told (when the answer carries none). A fresh artifact whose content key is known also fills
     * the cache.
     */
    private void storeArtifact(StoreTxn txn, Batch b, Answer answer, JobRecord job, Instant now) {
        JobRef r = answer.job();
        boolean cached = job.fromCache();
        byte[] cachedText = cached && answer.artifact() == null && job.contentKey() != null
                ? txn.get(Cf.CACHE, StoreKeys.cacheText(job.contentKey(), r.simulated()))
                : null;
        ExtractedText text;
        if (answer.artifact() != null) {
            text = ReplyTextExtractor.extract(answer.artifact(), r.task(), r.language());
        } else if (cachedText != null) {
            text = new ExtractedText(new String(cachedText, StandardCharsets.UTF_8), "cache");
        } else {
            LOG.atWarn()
                    .addKeyValue("runId", r.runId())
                    .addKeyValue("jobId", r.jobId())
                    .log(
                            cached
                                    ? "a job served from the cache has no cached text"
                                    : "a succeeded job has no artifact text");
            return;
        }
        byte[] bytes = text.text().getBytes(StandardCharsets.UTF_8);
        Validation v = answer.validation();
        ArtifactRecord meta = new ArtifactRecord(
                r.runId(),
                r.jobId(),
                r.unitPath(),
                ArtifactPaths.forUnit(r.task(), r.unitPath(), r.language()),
                r.task(),
                r.language(),
                answer.model(),
                answer.attempt(),
                job.cost(),
                r.simulated(),
                text.method(),
                bytes.length,
                job.contentKey(),
                cached,
                now,
                null,
                0,
                0,
                v == null ? null : v.verdict(),
                v == null ? null : v.diagnostics(),
                false);
        if (job.testTarget() != null) {
            meta = meta.placedAt(job.testTarget());
        }
        txn.put(Cf.ARTIFACTS, StoreKeys.artifactMeta(r.runId(), r.jobId()), meta);
        txn.put(Cf.ARTIFACTS, StoreKeys.artifactText(r.runId(), r.jobId()), bytes);
        if (!cached && job.contentKey() != null) {
            fillCache(txn, b, meta, bytes, job.contentKey(), now);
        }
    }

    /**
     * Keeps a test candidate the validator rejected, with its verdict and diagnostics, for {@code export --all}:
     * under its job and attempt, apart from the job's delivered artifact (a job may have several).
     */
    private static void storeRejected(
            StoreTxn txn, AttemptResult r, JobRecord job, LedgerEntry entry, Validation v, Instant now) {
        ExtractedText text = ReplyTextExtractor.extract(r.artifact(), r.task(), r.language());
        byte[] bytes = text.text().getBytes(StandardCharsets.UTF_8);
        ArtifactRecord meta = new ArtifactRecord(
                r.runId(),
                r.jobId(),
                r.unitPath(),
                ArtifactPaths.forUnit(r.task(), r.unitPath(), r.language()),
                r.task(),
                r.language(),
                entry.model(),
                r.attempt(),
                entry.cost(),
                r.simulated(),
                text.method(),
                bytes.length,
                null,
                false,
                now,
                null,
                0,
                0,
                v.verdict(),
                v.diagnostics(),
                true);
        if (job.testTarget() != null) {
            meta = meta.placedAt(job.testTarget());
        }
        txn.put(Cf.ARTIFACTS, StoreKeys.rejectedMeta(r.runId(), r.jobId(), r.attempt()), meta);
        txn.put(Cf.ARTIFACTS, StoreKeys.rejectedText(r.runId(), r.jobId(), r.attempt()), bytes);
    }

    /**
     * A folder's or the repository's job as planned ({@code nightshift.docs-awaiting}): kept until its children's
     * documents exist, with an index from each child to it, so that a child's end finds the document waiting for it.
     * Checked at once, since its children may all have ended before it arrived.
     */
    private static boolean awaitChildren(StoreTxn txn, Batch b, Job j) {
        byte[] key = StoreKeys.pendingDoc(j.runId(), j.jobId());
        if (txn.get(Cf.DOCS, key) != null) {
            return false;
        }
        txn.put(Cf.DOCS, key, MessageCodec.JOB.encode(j));
        for (DocChild child : j.docs().children()) {
            txn.put(Cf.DOCS, StoreKeys.docParent(j.runId(), child.jobId(), j.jobId()), new byte[0]);
        }
        b.docsToCheck.add(new PendingDoc(j.runId(), j.jobId()));
        return true;
    }

    /**
     * The waiting documents a job's document is a child of, as registered by earlier batches (one registered in this
     * batch is checked anyway, see {@link #awaitChildren}).
     */
    private List<PendingDoc> parentsWaiting(String runId, String jobId) {
        List<PendingDoc> parents = new ArrayList<>(1);
        store.scan(Cf.DOCS, StoreKeys.docParents(runId, jobId), (key, value) -> {
            String[] parts = Keys.split(key);
            parents.add(new PendingDoc(runId, parts[parts.length - 1]));
            return true;
        });
        return parents;
    }

    private static void fillCache(
            StoreTxn txn, Batch b, ArtifactRecord a, byte[] text, String contentKey, Instant now) {
        CachedArtifact cached = new CachedArtifact(
                contentKey,
                a.runId(),
                a.jobId(),
                a.unitPath(),
                a.path(),
                a.task(),
                a.language(),
                a.model(),
                a.cost(),
                a.simulated(),
                text.length,
                now);
        txn.put(Cf.CACHE, StoreKeys.cacheMeta(contentKey, a.simulated()), cached);
        txn.put(Cf.CACHE, StoreKeys.cacheText(contentKey, a.simulated()), text);
        b.cached.add(new CacheEntry(contentKey, a.simulated(), a.runId(), a.jobId()));
    }
}
