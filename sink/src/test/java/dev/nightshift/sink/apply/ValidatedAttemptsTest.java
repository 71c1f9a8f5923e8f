package dev.nightshift.sink.apply;

import static dev.nightshift.sink.ValidatedRun.DEEPSEEK;
import static dev.nightshift.sink.ValidatedRun.QWEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.ValidatedRun;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validated test attempts through the real applier into a real store, and the figures read back. */
class ValidatedAttemptsTest {
    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private SinkQueries queries;
    private final String run = Fixtures.newRunId();

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
        queries = new SinkQueries(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One record per batch, the plan then the results: the sink learns each job's test target from its results. */
    private void applyOneByOne() {
        ValidatedRun.records(run).forEach(r -> applier.apply(List.of(r)));
    }

    @Test
    void theRunsStatusCountsVerdictsRepairsEscalationsAndCoverageOncePerFile() {
        applyOneByOne();

        RunStatus status = queries.status(run, null);

        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(4, 3, 1, 0, 0, 0));
        assertThat(status.tests())
                .isEqualTo(new RunStatus.Tests(
                        7, 2, 1, 1, 1, 1, 1, 0, 1, 2, 1, new RunStatus.Coverage(160, 70, 105, 30, 7, 14)));
        assertThat(status.cost().usd()).isEqualTo(Money.usd(ValidatedRun.TOTAL_USD));
    }

    @Test
    void costPerPassingTestIsTheRunsLedgerDollarsOverItsPassedTests() {
        applyOneByOne();

        List<LedgerEntry> ledger = new ArrayList<>();
        queries.ledger(run, null, ledger::add);
        Money ledgerDollars = ledger.stream().map(LedgerEntry::cost).reduce(Money.ZERO, Money::plus);
        long passed = ledger.stream().filter(e -> e.verdict() == Verdict.PASSED).count();

        RunStatus status = queries.status(run, null);
        assertThat(ledger).hasSize(9);
        assertThat(passed).isEqualTo(2);
        assertThat(status.cost().perPassingTest())
                .isEqualTo(Money.usd("0.001435"))
                .isEqualTo(Money.usd(ledgerDollars.toBigDecimal().divide(java.math.BigDecimal.valueOf(passed))));
    }

    @Test
    void noPassingTestMeansNoCostPerPassingTestAndADocsRunHasNoTestFigures() {
        String docs = Fixtures.newRunId();
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(docs, "default", List.of("j1"))),
                new Incoming.Event(Fixtures.success(
                        docs, "j1", 1, "src/A.java", dev.nightshift.core.usage.Usage.of(10, 0, 0, 5)))));
        applier.apply(ValidatedRun.results(run).subList(0, 1));

        assertThat(queries.status(docs, null).tests()).isNull();
        assertThat(queries.status(docs, null).cost().perPassingTest()).isNull();
        RunStatus oneRejection = queries.status(run, null);
        assertThat(oneRejection.tests().candidates()).isEqualTo(1);
        assertThat(oneRejection.tests().buildFailed()).isEqualTo(1);
        assertThat(oneRejection.cost().perPassingTest()).isNull();
    }

    @Test
    void eachLedgerEntryKeepsItsVerdictAndGainsAndTheCsvAndJsonShowThem() {
        applyOneByOne();

        Map<String, LedgerEntry> byAttempt = new HashMap<>();
        queries.ledger(run, null, e -> byAttempt.put(e.jobId() + "#" + e.attempt(), e));

        LedgerEntry delivered = byAttempt.get("j1#2");
        assertThat(delivered.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(delivered.linesGained()).isEqualTo(15);
        assertThat(delivered.branchesGained()).isEqualTo(4);
        assertThat(delivered.language()).isEqualTo("java");
        LedgerEntry rejected = byAttempt.get("j1#1");
        assertThat(rejected.failureClass()).isEqualTo(FailureClass.TEST_REJECTED);
        assertThat(rejected.failureReason()).isEqualTo("build-failed: ATest.java:4: error: illegal start of type");
        LedgerEntry unvalidated = byAttempt.get("j4#2");
        assertThat(unvalidated.verdict()).isNull();
        assertThat(unvalidated.linesGained()).isNull();

        List<String> header = List.of(LedgerFormat.CSV.header().strip().split(","));
        List<String> cells = List.of(LedgerFormat.CSV.line(delivered).strip().split(",", -1));
        assertThat(header).containsSequence("language", "verdict", "linesGained", "branchesGained", "docLevel");
        assertThat(cells).hasSameSizeAs(header).containsSequence("java", "passed", "15", "4", "");
        assertThat(List.of(LedgerFormat.CSV.line(unvalidated).strip().split(",", -1)))
                .containsSequence("python", "", "", "", "");
        assertThat(LedgerFormat.JSONL.line(delivered))
                .contains("\"verdict\":\"passed\"")
                .contains("\"linesGained\":15")
                .contains("\"branchesGained\":4");
        assertThat(LedgerFormat.JSONL.line(unvalidated))
                .doesNotContain("verdict")
                .doesNotContain("linesGained");
    }

    @Test
    void aJobRecordKeepsItsLastVerdictAndReasonItsFirstModelAndItsRejections() {
        applyOneByOne();

        JobRecord escalated = queries.job(run, "j2").orElseThrow();
        assertThat(escalated.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(escalated.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(escalated.firstModel()).isEqualTo(DEEPSEEK);
        assertThat(escalated.model()).isEqualTo(QWEN);
        assertThat(escalated.rejections()).isEqualTo(2);
        assertThat(escalated.testTarget()).isEqualTo(ValidatedRun.B1_TARGET);
        JobRecord failed = queries.job(run, "j4").orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(failed.reason()).isEqualTo("timeout: test_c ran past 60 s");
        assertThat(failed.testTarget()).as("told by its results").isEqualTo(ValidatedRun.C_TARGET);
    }

    @Test
    void artifactsGoWhereTheTestTargetSaysAndRejectedCandidatesAreKeptWithTheirDiagnostics() {
        applyOneByOne();

        assertThat(queries.artifacts(run, null))
                .extracting(
                        ArtifactRecord::jobId,
                        ArtifactRecord::path,
                        ArtifactRecord::mergeInto,
                        ArtifactRecord::part,
                        ArtifactRecord::parts,
                        ArtifactRecord::verdict)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "j1", "src/test/java/a/ATest.java", "src/test/java/a/ATest.java", 1, 1, Verdict.PASSED),
                        org.assertj.core.groups.Tuple.tuple(
                                "j2", "src/test/java/a/BTest.java", "src/test/java/a/BTest.java", 1, 2, Verdict.PASSED),
                        org.assertj.core.groups.Tuple.tuple(
                                "j3",
                                "src/test/java/a/BPart2Test.java",
                                "src/test/java/a/BTest.java",
                                2,
                                2,
                                Verdict.NO_GAIN));
        assertThat(queries.artifactText(run, "j1", null)).isEqualTo(ValidatedRun.A_TEST);

        List<ArtifactRecord> rejected = queries.rejected(run, null);
        assertThat(rejected)
                .extracting(
                        a -> a.jobId() + "#" + a.attempt() + " " + a.verdict().id() + " " + a.path())
                .containsExactly(
                        "j1#1 build-failed src/test/java/a/ATest.java",
                        "j2#1 failed src/test/java/a/BTest.java",
                        "j2#2 flaky src/test/java/a/BTest.java",
                        "j4#1 infrastructure tests/test_c.py",
                        "j4#3 timeout tests/test_c.py");
        assertThat(rejected).allMatch(ArtifactRecord::rejected);
        assertThat(rejected.get(0).diagnostics()).startsWith("ATest.java:4: error");
        assertThat(queries.rejectedText(run, "j1", 1, null)).isEqualTo(ValidatedRun.A_BROKEN);
    }

    @Test
    void costRowsByModelLanguageAndTaskCarryPassedTestsAndDollarsPerPassingTest() {
        applyOneByOne();
        CostQueries cost = new CostQueries(queries);

        CostReport byModel = cost.answer(query(Dimension.MODEL), null);
        assertThat(byModel.groups())
                .extracting(CostReport.Row::key, CostReport.Row::passed, CostReport.Row::perPassingTest)
                .containsExactly(
                        // deepseek's attempts (its infrastructure one aside) cost 0.00137 and it delivered one passing
                        // test
                        org.assertj.core.groups.Tuple.tuple(DEEPSEEK, 1L, Money.usd("0.00137")),
                        org.assertj.core.groups.Tuple.tuple(QWEN, 1L, Money.usd("0.001")));
        CostReport byLanguage = cost.answer(query(Dimension.LANGUAGE), null);
        assertThat(byLanguage.source()).isEqualTo("aggregates");
        assertThat(byLanguage.groups())
                .extracting(CostReport.Row::key, CostReport.Row::passed, CostReport.Row::perPassingTest)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("java", 2L, Money.usd("0.0011")),
                        org.assertj.core.groups.Tuple.tuple("python", 0L, null));
        CostReport byTask = cost.answer(query(Dimension.TASK), null);
        assertThat(byTask.groups()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("tests");
            assertThat(r.usd()).isEqualTo(Money.usd(ValidatedRun.TOTAL_USD));
            assertThat(r.passed()).isEqualTo(2);
            assertThat(r.perPassingTest()).isEqualTo(Money.usd("0.001185"));
        });
        CostReport scanned =
                cost.answer(new CostQuery(Dimension.MODEL, run, null, null, DEEPSEEK, null, null, null, null), null);
        assertThat(scanned.source()).isEqualTo("ledger");
        assertThat(scanned.groups()).singleElement().satisfies(r -> assertThat(r.perPassingTest())
                .isEqualTo(Money.usd("0.00137")));
    }

    @Test
    void aggregatesOfValidatedAttemptsEqualTheSumOfTheirEntries() {
        applyOneByOne();
        List<LedgerEntry> all = new ArrayList<>();
        queries.ledgerAll(null, all::add);

        for (AggregateScope scope :
                List.of(AggregateScope.all(), AggregateScope.tenant("default"), AggregateScope.run(run))) {
            for (Dimension d : scope.dimensions()) {
                Map<String, Aggregate> expected = new HashMap<>();
                all.forEach(e -> expected.merge(d.valueOf(e), Aggregate.of(e), Aggregate::plus));
                assertThat(queries.aggregates(scope, d))
                        .as(scope.key() + " by " + d.id())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aRedeliveredValidatedResultCountsNothingTwice() {
        applyOneByOne();
        RunStatus before = queries.status(run, null);

        BatchApplier.Applied again = applier.apply(ValidatedRun.results(run));

        assertThat(again.applied()).isZero();
        assertThat(queries.status(run, null).tests()).isEqualTo(before.tests());
    }

    @Test
    void theSinkTellsItsMetricsEachTestAttemptsVerdictAndCost() {
        List<String> seen = new ArrayList<>();
        dev.nightshift.sink.metrics.SinkEvents events = new dev.nightshift.sink.metrics.SinkEvents() {
            @Override
            public void testAttempt(String provider, String model, String language, Verdict verdict, Money cost) {
                seen.add(provider + " " + model + " " + language + " " + (verdict == null ? "-" : verdict.id()) + " "
                        + cost);
            }
        };

        List<String> emitted = new ArrayList<>();
        for (Incoming in : ValidatedRun.records(run)) {
            applier.apply(List.of(in)).emit(events, id -> null);
        }
        emitted.addAll(seen);

        assertThat(emitted)
                .containsExactly(
                        "deepseek deepseek-chat java build-failed 0.0003",
                        "deepseek deepseek-chat java passed 0.0004",
                        "deepseek deepseek-chat java failed 0.0002",
                        "deepseek deepseek-chat java flaky 0.0002",
                        "qwen qwen2.5-coder java passed 0.001",
                        "deepseek deepseek-chat java no-gain 0.0001",
                        "deepseek deepseek-chat python infrastructure 0.0005",
                        "deepseek deepseek-chat python - 0.00007",
                        "deepseek deepseek-chat python timeout 0.0001");
    }

    private CostQuery query(Dimension by) {
        return new CostQuery(by, run, null, null, null, null, null, null, null);
    }
}
