package dev.nightshift.sink.apply;

import static dev.nightshift.sink.Fixtures.billedFailure;
import static dev.nightshift.sink.Fixtures.forTenant;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sink.store.StoreTxn;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import dev.nightshift.sinkapi.run.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchApplierTest {
    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private SinkQueries queries;
    private final InstantSource clock = InstantSource.fixed(Fixtures.T0.plusSeconds(60));

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, clock);
        queries = new SinkQueries(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void resultsBecomeLedgerEntriesArtifactsAndACompletedRun() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1", "j2")))));

        applier.apply(List.of(
                new Incoming.Event(billedFailure(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 20), false)),
                new Incoming.Event(success(run, "j1", 2, "src/A.java", Usage.of(100, 0, 0, 50))),
                new Incoming.Event(success(run, "j2", 1, "src/B.java", Usage.of(200, 10, 0, 80)))));

        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(2, 2, 0, 0, 0, 0));
        assertThat(ledger(run)).hasSize(3);
        assertThat(status.cost().usd())
                .isEqualTo(ledger(run).stream().map(LedgerEntry::cost).reduce(Money.ZERO, Money::plus));
        assertThat(status.cost().byModel()).containsOnlyKeys("gemini/gemini-1.5-flash", "deepseek/deepseek-chat");
        assertThat(status.tokens()).isEqualTo(new RunStatus.Tokens(400, 10, 0, 150));
        assertThat(queries.artifacts(run, null))
                .extracting(a -> a.path())
                .containsExactly("src/A.java.md", "src/B.java.md");
        assertThat(queries.artifactText(run, "j1", null)).startsWith("Here is the documentation:");
        assertThat(queries.artifact(run, "j1", null).cost())
                .as("the artifact's cost includes the billed failed attempt")
                .isEqualTo(ledger(run).stream()
                        .filter(e -> e.jobId().equals("j1"))
                        .map(LedgerEntry::cost)
                        .reduce(Money.ZERO, Money::plus));
    }

    @Test
    void aRedeliveredResultWritesNothingTwice() {
        String run = newRunId();
        AttemptResult result = success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50));
        applier.apply(
                List.of(new Incoming.Plan(plan(run, "default", List.of("j1", "j2"))), new Incoming.Event(result)));
        Aggregate before = queries.total(AggregateScope.all());

        BatchApplier.Applied again = applier.apply(List.of(new Incoming.Event(result), new Incoming.Event(result)));

        assertThat(again.applied()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(ledger(run)).hasSize(1);
        assertThat(queries.total(AggregateScope.all())).isEqualTo(before);
        assertThat(queries.job(run, "j1").orElseThrow().attempts()).isEqualTo(1);
        assertThat(queries.status(run, null).jobs().succeeded()).isEqualTo(1);
    }

    @Test
    void aRedeliveryIsRecognisedForAJobStoredBeforeAttemptsWereTracked() throws Exception {
        String run = newRunId();
        AttemptResult result = success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50));
        applier.apply(List.of(new Incoming.Event(result)));
        // as an earlier version stored it: JSON, with no record of which attempts are in the ledger
        JobRecord legacy = queries.job(run, "j1").orElseThrow();
        try (StoreTxn txn = new StoreTxn(store, Stored.codec())) {
            txn.put(
                    Cf.JOBS,
                    StoreKeys.job(run, "j1"),
                    Json.mapper()
                            .writeValueAsBytes(new JobRecord(
                                    legacy.runId(),
                                    legacy.jobId(),
                                    legacy.unitPath(),
                                    legacy.state(),
                                    legacy.inPlan(),
                                    legacy.attempts(),
                                    legacy.lastAttempt(),
                                    legacy.cost(),
                                    legacy.model(),
                                    legacy.failureClass(),
                                    legacy.reason(),
                                    legacy.contentKey(),
                                    legacy.fromCache(),
                                    legacy.updatedAt())));
            txn.commit();
        }

        BatchApplier.Applied again = new BatchApplier(store, clock).apply(List.of(new Incoming.Event(result)));

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(ledger(run)).hasSize(1);
        assertThat(queries.job(run, "j1").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aResultRedeliveredWithinOneBatchIsWrittenOnce() {
        String run = newRunId();
        AttemptResult result = success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50));

        applier.apply(List.of(new Incoming.Event(result), new Incoming.Event(result)));

        assertThat(ledger(run)).hasSize(1);
        assertThat(queries.total(AggregateScope.run(run)).attempts()).isEqualTo(1);
    }

    @Test
    void resultsThatArriveBeforeThePlanStillCompleteTheRun() {
        String run = newRunId();
        applier.apply(List.of(
                new Incoming.Event(success(run, "j1", 1, "a.py", Usage.of(10, 0, 0, 5))),
                new Incoming.Event(billedFailure(run, "j2", 1, "b.py", Usage.of(10, 0, 0, 5), true))));
        assertThat(queries.status(run, null).state()).isEqualTo(RunState.RUNNING);

        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1", "j2")))));

        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(2, 1, 1, 0, 0, 0));
        assertThat(status.skipped()).extracting(s -> s.path()).containsExactly("logo.png");
    }

    @Test
    void aRunIsNotCompletedWhileAPlannedJobHasOnlyRetryableFailures() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1")))));

        applier.apply(List.of(new Incoming.Event(billedFailure(run, "j1", 1, "a.py", Usage.of(10, 0, 0, 5), false))));

        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.RUNNING);
        assertThat(status.jobs().pending()).isEqualTo(1);
        assertThat(queries.job(run, "j1").orElseThrow().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aRecordThatCannotBeAppliedLeavesNoPartOfItsBatchBehind() {
        String run = newRunId();
        AttemptResult good = success(run, "j1", 1, "a.py", Usage.of(10, 0, 0, 5));
        // a NUL cannot be part of a store key: applying this record throws after the first one was staged
        AttemptResult broken = success(run, "j2\u0000x", 1, "b.py", Usage.of(1, 0, 0, 1));

        assertThatThrownBy(() -> applier.apply(List.of(new Incoming.Event(good), new Incoming.Event(broken))))
                .isInstanceOf(RuntimeException.class);

        assertThat(ledger(run)).isEmpty();
        assertThat(queries.run(run)).isEmpty();
        assertThat(queries.total(AggregateScope.run(run))).isEqualTo(Aggregate.EMPTY);
    }

    @Test
    void aggregatesEqualTheSumOfTheEntriesForEveryGroup() {
        Random random = new Random(42);
        List<String> runs = List.of(newRunId(), newRunId(), newRunId());
        String[] tenants = {"acme", "globex"};
        String[] models = {"gemini-1.5-flash", "gemini-1.5-pro", "other"};
        List<Incoming> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String run = runs.get(random.nextInt(runs.size()));
            Usage usage = Usage.of(random.nextInt(5000), random.nextInt(100), random.nextInt(50), random.nextInt(2000));
            AttemptResult base = random.nextInt(4) == 0
                    ? billedFailure(run, "j" + i, 1 + random.nextInt(3), "f" + i + ".py", usage, true)
                    : success(run, "j" + i, 1, "f" + i + ".py", usage);
            Money cost = Money.ofNanos(random.nextInt(1_000_000)).plus(Money.usd("0.0000000001"));
            batch.add(new Incoming.Event(forTenant(
                    base,
                    tenants[random.nextInt(2)],
                    models[random.nextInt(3)],
                    Fixtures.T0.plusSeconds(random.nextInt(4) * 86_400L),
                    cost)));
            if (batch.size() == 50) {
                applier.apply(batch);
                batch.clear();
            }
        }

        List<LedgerEntry> all = new ArrayList<>();
        queries.ledgerAll(null, all::add);
        for (AggregateScope scope : scopesOf(all)) {
            for (Dimension d : scope.dimensions()) {
                Map<String, Aggregate> expected = new HashMap<>();
                all.stream()
                        .filter(e -> AggregateScope.of(e).contains(scope))
                        .forEach(e -> expected.merge(d.valueOf(e), Aggregate.of(e), Aggregate::plus));
                Map<String, Aggregate> kept = queries.aggregates(scope, d);
                assertThat(kept).as(scope.key() + " by " + d.id()).isEqualTo(expected);
            }
        }
        assertThat(queries.total(AggregateScope.all()).attempts()).isEqualTo(all.size());
    }

    @Test
    void aDeadLetteredJobEndsItsRunWithTheBrokersReason() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1")))));
        var job = new dev.nightshift.core.job.Job(
                "j1",
                run,
                "default",
                "/repos/demo",
                "c0ffee",
                dev.nightshift.core.job.TaskType.DOCS,
                "a.py",
                "python",
                "h",
                "p1",
                "print(1)",
                3,
                100,
                true);
        var request = new dev.nightshift.core.job.LaneRequest(
                job, dev.nightshift.core.provider.ModelRef.parse("gemini/gemini-1.5-flash"), "docs rule", 1);

        applier.apply(List.of(
                new Incoming.DeadLetter(request, "Offset delivery count exceeded the threshold.", Instant.EPOCH)));
        BatchApplier.Applied again = applier.apply(List.of(new Incoming.DeadLetter(request, "again", Instant.EPOCH)));

        assertThat(again.applied()).isZero();
        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.jobs().deadLettered()).isEqualTo(1);
        assertThat(queries.job(run, "j1").orElseThrow().reason()).contains("delivery count exceeded");
    }

    @Test
    void aRunsBudgetAndWhatIsLeftOfItAreInItsStatus() {
        String run = newRunId();
        var p = plan(run, "default", List.of("j1"));
        var budgeted = new dev.nightshift.core.run.RunPlanned(
                p.runId(),
                p.tenant(),
                p.repository(),
                p.commit(),
                p.task(),
                p.jobIds(),
                p.inputTokens(),
                p.skipped(),
                p.simulated(),
                p.plannedAt(),
                Money.usd("0.50"));
        AttemptResult r = success(run, "j1", 1, "a.py", Usage.of(100_000, 0, 0, 10_000));

        applier.apply(List.of(new Incoming.Plan(budgeted), new Incoming.Event(r)));

        RunStatus.Budget budget = queries.status(run, null).budget();
        assertThat(budget.maxUsd()).isEqualTo(Money.usd("0.5"));
        assertThat(budget.remainingUsd()).isEqualTo(Money.usd("0.50").minus(r.cost()));
        assertThat(queries.status(newRunIdWithoutBudget(), null).budget()).isNull();
    }

    private String newRunIdWithoutBudget() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1")))));
        return run;
    }

    private static List<AggregateScope> scopesOf(List<LedgerEntry> entries) {
        return entries.stream()
                .flatMap(e -> AggregateScope.of(e).stream())
                .distinct()
                .toList();
    }

    private List<LedgerEntry> ledger(String run) {
        List<LedgerEntry> entries = new ArrayList<>();
        queries.ledgerAll(null, e -> {
            if (e.runId().equals(run)) {
                entries.add(e);
            }
        });
        return entries;
    }
}
