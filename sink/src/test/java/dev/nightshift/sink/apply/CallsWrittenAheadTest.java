package dev.nightshift.sink.apply;

import static dev.nightshift.sink.Fixtures.billedFailure;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.attempt.LaneRetryAttempts;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.query.RunStatus;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider calls written ahead of being made: open until an attempt books them; those left open (a worker that died,
 * a call given up at its deadline) are shown as calls of unknown outcome with the most they can cost.
 */
class CallsWrittenAheadTest {
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

    private static CallStarted call(String run, String job, int attempt, int delivery, String bound) {
        return call(run, job, attempt, delivery, job + "-" + attempt + "-" + delivery, bound);
    }

    private static CallStarted call(String run, String job, int attempt, int delivery, String callId, String bound) {
        return new CallStarted(
                run,
                job,
                attempt,
                delivery,
                callId,
                "gemini",
                "gemini-1.5-flash",
                Fixtures.T0,
                4_000,
                1_000,
                Money.usd(bound),
                true);
    }

    private String plannedRun(String... jobs) {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of(jobs)))));
        return run;
    }

    private RunStatus.OutcomeUnknown unknown(String run) {
        return queries.status(run, null).cost().outcomeUnknown();
    }

    @Test
    void aCallBookedByItsAttemptIsNoLongerOpen() {
        String run = plannedRun("j1");

        applier.apply(List.of(new Incoming.Call(call(run, "j1", 1, 1, "0.002"))));
        assertThat(unknown(run)).isEqualTo(new RunStatus.OutcomeUnknown(1, Money.usd("0.002")));

        applier.apply(List.of(new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50)))));
        assertThat(unknown(run)).isNull();
        assertThat(queries.openCalls(run)).isEmpty();
    }

    @Test
    void aCallWhoseWorkerDiedStaysOpenWhileTheRedeliveredCallIsBooked() {
        String run = plannedRun("j1");

        // delivery 1's worker died mid-call; delivery 2 answered, in the same poll as its start
        applier.apply(List.of(new Incoming.Call(call(run, "j1", 1, 1, "0.002"))));
        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 2, "0.003")),
                new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50)))));

        assertThat(queries.openCalls(run)).extracting(CallStarted::delivery).containsExactly(1);
        assertThat(unknown(run)).isEqualTo(new RunStatus.OutcomeUnknown(1, Money.usd("0.002")));
    }

    @Test
    void aCallLeftOpenBeforeAResumeStaysApartFromTheResumedCallOfTheSameAttemptAndDelivery() {
        String run = plannedRun("j1");

        applier.apply(List.of(new Incoming.Call(call(run, "j1", 1, 1, "before-the-crash", "0.002"))));
        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 1, "after-the-resume", "0.002")),
                new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50)))));

        assertThat(queries.openCalls(run)).extracting(CallStarted::callId).containsExactly("before-the-crash");
    }

    @Test
    void aCallRetriedInTheLaneIsSettledByItsOwnNumber() {
        String run = plannedRun("j1");
        int retried = LaneRetryAttempts.of(1, 1);

        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 1, "0.002")),
                new Incoming.Event(billedFailure(run, "j1", retried, "src/A.java", Usage.NOT_REPORTED, false)),
                new Incoming.Call(call(run, "j1", 1, 2, "0.002"))));
        assertThat(queries.openCalls(run)).extracting(CallStarted::delivery).containsExactly(2);

        applier.apply(List.of(new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50)))));
        assertThat(unknown(run)).isNull();
    }

    @Test
    void aCallGivenUpAtItsDeadlineKeepsItsBoundUntilItsReplyIsSeen() {
        String run = plannedRun("j1");
        AttemptResult abandoned = outcomeUnknown(
                billedFailure(run, "j1", LaneRetryAttempts.of(1, 1), "src/A.java", Usage.NOT_REPORTED, false));

        applier.apply(List.of(new Incoming.Call(call(run, "j1", 1, 1, "0.002")), new Incoming.Event(abandoned)));

        assertThat(queries.status(run, null).cost().usd()).isEqualTo(Money.ZERO);
        assertThat(unknown(run)).isEqualTo(new RunStatus.OutcomeUnknown(1, Money.usd("0.002")));
    }

    @Test
    void aContinuationWidensItsCallsBoundAndAStartReadTwiceDoesNotReopenASettledCall() {
        String run = plannedRun("j1");

        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 1, "0.002")), new Incoming.Call(call(run, "j1", 1, 1, "0.005"))));
        assertThat(unknown(run)).isEqualTo(new RunStatus.OutcomeUnknown(1, Money.usd("0.005")));

        applier.apply(List.of(new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50)))));
        applier.apply(List.of(new Incoming.Call(call(run, "j1", 1, 1, "0.005"))));
        assertThat(unknown(run)).isNull();
    }

    @Test
    void anAttemptNoProviderWasCalledForSettlesNothing() {
        String run = plannedRun("j1", "j2");

        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 1, "0.002")),
                new Incoming.Event(success(run, "j2", 1, "src/B.java", Usage.of(100, 0, 0, 50)))));

        assertThat(queries.openCalls(run)).extracting(CallStarted::jobId).containsExactly("j1");
    }

    @Test
    void requestsInAProviderBatchShowAsWaitingWithTheirExpectedFinishUntilTheirAttemptsAreBooked() {
        String run = plannedRun("j1", "j2", "j3");
        java.time.Instant soon = Fixtures.T0.plusSeconds(1_800);
        java.time.Instant later = Fixtures.T0.plusSeconds(3_600);

        applier.apply(List.of(
                new Incoming.Call(call(run, "j1", 1, 1, "0.001").inBatch(soon)),
                new Incoming.Call(call(run, "j2", 1, 1, "0.002").inBatch(later)),
                new Incoming.Call(call(run, "j3", 1, 1, "0.004"))));

        RunStatus.Batches waiting = queries.status(run, null).batches();
        assertThat(waiting.waiting()).isEqualTo(2);
        assertThat(waiting.atMostUsd()).isEqualTo(Money.usd("0.003"));
        assertThat(waiting.oldestSubmitted()).isEqualTo(Fixtures.T0);
        assertThat(waiting.expectedFinish()).isEqualTo(later);

        applier.apply(List.of(
                new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50))
                        .onTier(dev.nightshift.core.provider.ServiceTier.BATCH)),
                new Incoming.Event(success(run, "j2", 1, "src/B.java", Usage.of(100, 0, 0, 50))
                        .onTier(dev.nightshift.core.provider.ServiceTier.BATCH))));

        assertThat(queries.status(run, null).batches()).isNull();
        assertThat(unknown(run)).isEqualTo(new RunStatus.OutcomeUnknown(1, Money.usd("0.004")));
    }

    private static AttemptResult outcomeUnknown(AttemptResult r) {
        return new AttemptResult(
                r.job(),
                r.attempt(),
                r.provider(),
                r.model(),
                r.routingReason(),
                Outcome.FAILED,
                FailureClass.OUTCOME_UNKNOWN,
                "no complete answer within 30 s (this call's deadline)",
                Usage.NOT_REPORTED,
                Money.ZERO,
                r.priceTableVersion(),
                30_000,
                r.startedAt(),
                r.finishedAt(),
                null,
                null,
                false);
    }
}
