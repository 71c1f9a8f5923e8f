package dev.nightshift.sink.query;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.sink.aggregate.AggregateKeys;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.ledger.OpenCalls;
import dev.nightshift.sink.run.RunEstimate;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.run.TestTotals;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.Keys;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;
import dev.nightshift.sinkapi.aggregate.TestCounts;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.DocsTotals;
import dev.nightshift.sinkapi.run.JobRecord;
import dev.nightshift.sinkapi.run.RunState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the sink's state for the API, the CLI and tests. Every read is a point lookup or a prefix scan;
 * safe from any thread. {@code tenant} arguments restrict what is visible ({@code null} = every tenant).
 */
public final class SinkQueries {
    private final SinkStore store;
    private final InstantSource clock;

    public SinkQueries(SinkStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public Optional<RunRecord> run(String runId) {
        return Optional.ofNullable(Stored.read(store.get(Cf.RUNS, StoreKeys.run(runId)), RunRecord.class));
    }

    /** The run, or {@link NotFoundException} when it does not exist or belongs to another tenant. */
    public RunRecord visibleRun(String runId, String tenant) {
        return run(runId)
                .filter(r -> tenant == null || tenant.equals(r.tenant()))
                .orElseThrow(() -> new NotFoundException("no run '" + runId + "'; list the runs with GET /runs"));
    }

    public RunStatus status(String runId, String tenant) {
        return toStatus(visibleRun(runId, tenant));
    }

    /** Every visible run, newest first (run ids sort by time). */
    public List<RunStatus> runs(String tenant) {
        return runs(tenant, Integer.MAX_VALUE);
    }

    /** The newest {@code limit} visible runs. */
    public List<RunStatus> runs(String tenant, int limit) {
        return runs(tenant, limit, Set.of());
    }

    /**
     * The newest {@code limit} visible runs in one of {@code states} (any state when empty). The state is read from the
     * run's record, so runs left out cost no status figures.
     */
    public List<RunStatus> runs(String tenant, int limit, Set<RunState> states) {
        List<RunRecord> records = new ArrayList<>();
        store.scan(Cf.RUNS, new byte[0], (k, v) -> {
            RunRecord r = Stored.read(v, RunRecord.class);
            if ((tenant == null || tenant.equals(r.tenant())) && (states.isEmpty() || states.contains(r.state()))) {
                records.add(r);
            }
            return true;
        });
        records.sort(Comparator.comparing(RunRecord::runId).reversed());
        return records.stream().limit(limit).map(this::toStatus).toList();
    }

    /** What the run was expected to cost when it was planned; empty when its plan carried no estimate. */
    public Optional<Money> estimate(String runId) {
        return Optional.ofNullable(
                        Stored.read(store.get(Cf.AGGREGATES, AggregateKeys.runEstimate(runId)), RunEstimate.class))
                .map(RunEstimate::usd);
    }

    public Optional<JobRecord> job(String runId, String jobId) {
        return Optional.ofNullable(Stored.read(store.get(Cf.JOBS, StoreKeys.job(runId, jobId)), JobRecord.class));
    }

    public List<JobRecord> jobs(String runId) {
        List<JobRecord> jobs = new ArrayList<>();
        store.scan(Cf.JOBS, StoreKeys.jobsOf(runId), (k, v) -> jobs.add(Stored.read(v, JobRecord.class)));
        return jobs;
    }

    /**
     * The run's rejected test candidates, by job and attempt. Each is placed as its job's test target says when
     * the target arrived after the candidate was stored.
     */
    public List<ArtifactRecord> rejected(String runId, String tenant) {
        visibleRun(runId, tenant);
        List<ArtifactRecord> out = new ArrayList<>();
        store.scan(Cf.ARTIFACTS, StoreKeys.rejectedOf(runId), (k, v) -> out.add(Stored.read(v, ArtifactRecord.class)));
        Map<String, TestTarget> targets = new LinkedHashMap<>();
        List<ArtifactRecord> placed = new ArrayList<>(out.size());
        for (ArtifactRecord a : out) {
            TestTarget t = targets.computeIfAbsent(
                    a.jobId(), id -> job(runId, id).map(JobRecord::testTarget).orElse(null));
            placed.add(t == null || a.placedAs(t) ? a : a.placedAt(t));
        }
        return placed;
    }

    /** The text of one rejected candidate. */
    public String rejectedText(String runId, String jobId, int attempt, String tenant) {
        visibleRun(runId, tenant);
        byte[] text = store.get(Cf.ARTIFACTS, StoreKeys.rejectedText(runId, jobId, attempt));
        if (text == null) {
            throw new NotFoundException("run '" + runId + "' has no rejected test of job '" + jobId + "' at attempt "
                    + attempt + "; list them with GET /runs/" + runId + "/rejected");
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    public List<ArtifactRecord> artifacts(String runId, String tenant) {
        visibleRun(runId, tenant);
        List<ArtifactRecord> out = new ArrayList<>();
        store.scan(Cf.ARTIFACTS, StoreKeys.artifactsOf(runId), (k, v) -> out.add(Stored.read(v, ArtifactRecord.class)));
        return out;
    }

    public ArtifactRecord artifact(String runId, String jobId, String tenant) {
        visibleRun(runId, tenant);
        ArtifactRecord meta =
                Stored.read(store.get(Cf.ARTIFACTS, StoreKeys.artifactMeta(runId, jobId)), ArtifactRecord.class);
        if (meta == null) {
            throw new NotFoundException("run '" + runId + "' has no artifact for job '" + jobId
                    + "'; list them with GET /runs/" + runId + "/artifacts");
        }
        return meta;
    }

    public String artifactText(String runId, String jobId, String tenant) {
        artifact(runId, jobId, tenant);
        byte[] text = store.get(Cf.ARTIFACTS, StoreKeys.artifactText(runId, jobId));
        return text == null ? "" : new String(text, StandardCharsets.UTF_8);
    }

    /** Visits the run's ledger entries in (jobId, attempt) order. */
    public void ledger(String runId, String tenant, Consumer<LedgerEntry> visitor) {
        visibleRun(runId, tenant);
        store.scan(Cf.LEDGER, StoreKeys.ledgerOf(runId), (k, v) -> {
            visitor.accept(Stored.read(v, LedgerEntry.class));
            return true;
        });
    }

    /** A page of a run's ledger; {@code next} is where the following page starts, {@code null} at the end. */
    // next is an opaque store key, handed back as the following page's start: a page is never compared or hashed
    public record LedgerPage(
            List<LedgerEntry> entries,
            @SuppressWarnings("ArrayRecordComponent") byte[] next) {}

    /**
     * Up to {@code limit} ledger entries of the run starting at key {@code from} ({@code null} = the start),
     * for streaming exports that never hold a whole ledger in memory.
     */
    public LedgerPage ledgerPage(String runId, byte[] from, int limit) {
        byte[] prefix = StoreKeys.ledgerOf(runId);
        List<LedgerEntry> entries = new ArrayList<>(Math.min(limit, 1024));
        byte[][] next = new byte[1][];
        store.scanFrom(Cf.LEDGER, prefix, from == null ? prefix : from, (k, v) -> {
            if (entries.size() == limit) {
                next[0] = k;
                return false;
            }
            entries.add(Stored.read(v, LedgerEntry.class));
            return true;
        });
        return new LedgerPage(entries, next[0]);
    }

    /** Visits every ledger entry of every run (visible to the tenant), in key order. */
    public void ledgerAll(String tenant, Consumer<LedgerEntry> visitor) {
        store.scan(Cf.LEDGER, new byte[0], (k, v) -> {
            LedgerEntry e = Stored.read(v, LedgerEntry.class);
            if (tenant == null || tenant.equals(e.tenant())) {
                visitor.accept(e);
            }
            return true;
        });
    }

    /** The kept aggregates of one scope and dimension, by value (e.g. model → sums). */
    public Map<String, Aggregate> aggregates(AggregateScope scope, Dimension d) {
        Map<String, Aggregate> out = new LinkedHashMap<>();
        store.scan(Cf.AGGREGATES, AggregateKeys.aggregatesOf(scope, d), (k, v) -> {
            String[] parts = Keys.split(k);
            out.put(parts[parts.length - 1], Stored.read(v, Aggregate.class));
            return true;
        });
        return out;
    }

    public Aggregate total(AggregateScope scope) {
        return aggregates(scope, Dimension.TOTAL).getOrDefault("", Aggregate.EMPTY);
    }

    /**
     * The run's provider calls written ahead that no attempt booked (see {@link AttemptCalls}), in key order; every
     * run's when {@code runId} is {@code null}.
     */
    public List<CallStarted> openCalls(String runId) {
        if (runId != null) {
            OpenCalls calls = Stored.read(store.get(Cf.CALLS, StoreKeys.openCalls(runId)), OpenCalls.class);
            return calls == null ? List.of() : calls.calls();
        }
        List<CallStarted> open = new ArrayList<>();
        store.scan(Cf.CALLS, StoreKeys.openCallsOfEveryRun(), (k, v) -> {
            open.addAll(Stored.read(v, OpenCalls.class).calls());
            return true;
        });
        return open;
    }

    private static RunStatus.OutcomeUnknown outcomeUnknown(List<CallStarted> open) {
        return open.isEmpty()
                ? null
                : new RunStatus.OutcomeUnknown(
                        open.size(), open.stream().map(CallStarted::costBound).reduce(Money.ZERO, Money::plus));
    }

    /** The open calls in provider batches: waiting for their batch, not of unknown outcome while the run goes on. */
    private static RunStatus.Batches batches(List<CallStarted> open) {
        List<CallStarted> inBatches =
                open.stream().filter(c -> c.tier() == ServiceTier.BATCH).toList();
        if (inBatches.isEmpty()) {
            return null;
        }
        return new RunStatus.Batches(
                inBatches.size(),
                inBatches.stream().map(CallStarted::costBound).reduce(Money.ZERO, Money::plus),
                inBatches.stream()
                        .map(CallStarted::startedAt)
                        .filter(java.util.Objects::nonNull)
                        .min(Comparator.naturalOrder())
                        .orElse(null),
                inBatches.stream()
                        .map(CallStarted::expectedBy)
                        .filter(java.util.Objects::nonNull)
                        .max(Comparator.naturalOrder())
                        .orElse(null));
    }

    private RunStatus toStatus(RunRecord r) {
        AggregateScope scope = AggregateScope.run(r.runId());
        Aggregate total = total(scope);
        Map<String, Money> byModel = new LinkedHashMap<>();
        aggregates(scope, Dimension.MODEL).forEach((model, a) -> byModel.put(model, a.cost()));
        long terminal = r.counts().terminal();
        long pending = r.pending();
        RunStatus.Jobs jobs = new RunStatus.Jobs(
                r.planned() ? r.total() : terminal,
                r.counts().succeeded(),
                r.counts().failed(),
                r.counts().deadLettered(),
                r.counts().cancelled(),
                pending);
        TestCounts t = total.tests();
        List<CallStarted> open = openCalls(r.runId());
        return new RunStatus(
                r.runId(),
                r.state(),
                r.tenant(),
                r.repository(),
                r.commit(),
                r.task(),
                r.simulated(),
                jobs,
                new RunStatus.Tokens(
                        total.uncachedInput(), total.cacheReadInput(), total.cacheWriteInput(), total.output()),
                new RunStatus.Cost(
                        total.cost(), byModel, PerPassingTest.of(total.cost(), t.passed()), outcomeUnknown(open)),
                r.skipped(),
                r.servedFromCache(),
                progress(r, terminal, pending),
                r.maxCost() == null
                        ? null
                        : new RunStatus.Budget(r.maxCost(), r.maxCost().minus(total.cost())),
                tests(r, t),
                Stored.read(store.get(Cf.AGGREGATES, AggregateKeys.docsTotals(r.runId())), DocsTotals.class),
                RunStatus.Control.of(r.control()),
                batches(open));
    }

    /** The run's test figures: present for a test run, or any run with a validated attempt. */
    private static RunStatus.Tests tests(RunRecord r, TestCounts t) {
        if (r.task() != TaskType.TESTS && t.candidates() + t.infrastructure() == 0) {
            return null;
        }
        TestTotals x = r.tests();
        return new RunStatus.Tests(
                t.candidates(),
                t.passed(),
                t.noGain(),
                t.buildFailed(),
                t.failed(),
                t.flaky(),
                t.timeout(),
                t.sandboxViolation(),
                t.infrastructure(),
                x.repaired(),
                x.escalated(),
                new RunStatus.Coverage(
                        x.linesTotal(),
                        x.linesBefore(),
                        x.linesAfter(),
                        x.branchesTotal(),
                        x.branchesBefore(),
                        x.branchesAfter()));
    }

    private RunStatus.Progress progress(RunRecord r, long terminal, long pending) {
        String perMinute = "0";
        Long eta = null;
        if (r.firstResultAt() != null && terminal > 0) {
            Instant end = r.completedAt() != null ? r.completedAt() : clock.instant();
            long millis = Math.max(1, Duration.between(r.firstResultAt(), end).toMillis());
            BigDecimal rate = BigDecimal.valueOf(terminal)
                    .multiply(BigDecimal.valueOf(60_000))
                    .divide(BigDecimal.valueOf(millis), 2, RoundingMode.HALF_UP);
            perMinute = rate.toPlainString();
            if (r.planned()) {
                eta = pending * millis / terminal / 1000;
            }
        }
        return new RunStatus.Progress(
                r.attempts(), r.plannedAt(), r.firstResultAt(), r.lastResultAt(), r.completedAt(), perMinute, eta);
    }
}
