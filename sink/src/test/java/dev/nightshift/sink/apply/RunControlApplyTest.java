package dev.nightshift.sink.apply;

import static dev.nightshift.sink.Fixtures.billedFailure;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.metrics.SinkEvents;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import dev.nightshift.sinkapi.run.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's interruption, resumption and cancellation as the sink records them. */
class RunControlApplyTest {
    private static final Instant AT = Fixtures.T0.plusSeconds(30);

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

    /** A planned run of three jobs: j1 succeeded, j2 failed once and will be retried, j3 not started. */
    private String halfDoneRun() {
        String run = newRunId();
        applier.apply(List.of(
                new Incoming.Plan(plan(run, "default", List.of("j1", "j2", "j3"))),
                new Incoming.Event(success(run, "j1", 1, "src/A.java", Usage.of(100, 0, 0, 50))),
                new Incoming.Event(billedFailure(run, "j2", 1, "src/B.java", Usage.of(100, 0, 0, 20), false))));
        assertThat(queries.status(run, null).state()).isEqualTo(RunState.RUNNING);
        return run;
    }

    private BatchApplier.Applied control(RunControl control) {
        return applier.apply(List.of(new Incoming.Control(control)));
    }

    @Test
    void anInterruptionMakesTheRunInterruptedAndLeavesItsJobsToBeResumed() {
        String run = halfDoneRun();

        BatchApplier.Applied applied = control(RunControl.interrupted(run, 0, AT, "Ctrl-C"));

        assertThat(applied.applied()).isEqualTo(1);
        assertThat(applied.runs()).containsExactly(run);
        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(status.control()).isEqualTo(new RunStatus.Control("interrupted", 0, "Ctrl-C", AT));
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(3, 1, 0, 0, 0, 2));
        assertThat(queries.job(run, "j2").orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(queries.job(run, "j3").orElseThrow().state()).isEqualTo(JobState.PLANNED);
        assertThat(queries.run(run).orElseThrow().generation()).isZero();
    }

    @Test
    void aResumeMakesTheRunRunningAgainWithItsNewGeneration() {
        String run = halfDoneRun();
        control(RunControl.interrupted(run, 0, AT, "Ctrl-C"));

        control(RunControl.resumed(run, 1, AT.plusSeconds(5)));

        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.RUNNING);
        assertThat(status.control().action()).isEqualTo("resumed");
        assertThat(status.control().generation()).isEqualTo(1);
        assertThat(queries.run(run).orElseThrow().generation()).isEqualTo(1);

        // and the resumed jobs complete it as usual
        applier.apply(List.of(
                new Incoming.Event(success(run, "j2", 2, "src/B.java", Usage.of(100, 0, 0, 50))),
                new Incoming.Event(success(run, "j3", 1, "src/C.java", Usage.of(100, 0, 0, 50)))));
        assertThat(queries.status(run, null).state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void aCancellationEndsEveryUnfinishedJobAsCancelledWithItsReason() {
        String run = halfDoneRun();
        List<String> ended = new ArrayList<>();
        SinkEvents events = new SinkEvents() {
            @Override
            public void jobEnded(String runId, JobState state, TaskType task, String tenant) {
                ended.add(runId + " " + state);
            }
        };

        BatchApplier.Applied applied = control(RunControl.cancelled(run, 0, AT, "nightshift cancel"));
        applied.events().forEach(e -> e.accept(events));

        RunStatus status = queries.status(run, null);
        assertThat(status.state()).isEqualTo(RunState.CANCELLED);
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(3, 1, 0, 0, 2, 0));
        for (String jobId : List.of("j2", "j3")) {
            JobRecord job = queries.job(run, jobId).orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.CANCELLED);
            assertThat(job.reason()).isEqualTo("cancelled: nightshift cancel");
        }
        assertThat(queries.job(run, "j1").orElseThrow().state())
                .as("an ended job stays as it ended")
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(ended).containsExactly(run + " CANCELLED", run + " CANCELLED");
        assertThat(queries.run(run).orElseThrow().completedAt())
                .as("every job has ended")
                .isNotNull();
    }

    @Test
    void aCancelledRunStaysCancelledAfterItsInterruption() {
        String run = halfDoneRun();
        control(RunControl.interrupted(run, 0, AT, "Ctrl-C"));

        control(RunControl.cancelled(run, 0, AT.plusSeconds(5), "nightshift cancel"));

        assertThat(queries.status(run, null).state()).isEqualTo(RunState.CANCELLED);
        assertThat(queries.status(run, null).jobs().cancelled()).isEqualTo(2);
    }

    @Test
    void aLateAnswerForACancelledJobIsBookedButChangesNeitherTheJobNorTheCounts() {
        String run = halfDoneRun();
        control(RunControl.cancelled(run, 0, AT, "nightshift cancel"));
        AttemptResult late = success(run, "j2", 2, "src/B.java", Usage.of(100, 0, 0, 50));

        BatchApplier.Applied applied = applier.apply(List.of(new Incoming.Event(late)));

        assertThat(applied.applied()).isEqualTo(1);
        assertThat(ledger(run))
                .extracting(e -> e.jobId() + "#" + e.attempt())
                .containsExactlyInAnyOrder("j1#1", "j2#1", "j2#2");
        JobRecord job = queries.job(run, "j2").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.CANCELLED);
        assertThat(job.reason()).isEqualTo("cancelled: nightshift cancel");
        assertThat(job.attempts()).isEqualTo(2);
        RunStatus status = queries.status(run, null);
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(3, 1, 0, 0, 2, 0));
        assertThat(status.state()).isEqualTo(RunState.CANCELLED);
        assertThat(status.cost().usd())
                .isEqualTo(ledger(run).stream()
                        .map(LedgerEntry::cost)
                        .reduce(dev.nightshift.core.money.Money.ZERO, dev.nightshift.core.money.Money::plus));
        assertThat(queries.artifacts(run, null))
                .extracting(a -> a.path())
                .as("no artifact for a cancelled job")
                .containsExactly("src/A.java.md");
    }

    @Test
    void aControlForARunTheSinkDoesNotKnowWritesNothing() {
        String run = newRunId();

        BatchApplier.Applied applied = control(RunControl.cancelled(run, 0, AT, "nightshift cancel"));

        assertThat(applied.applied()).isZero();
        assertThat(applied.duplicates()).isEqualTo(1);
        assertThat(queries.run(run)).isEmpty();
    }

    @Test
    void theSameControlTwiceIsADuplicate() {
        String run = halfDoneRun();
        RunControl cancel = RunControl.cancelled(run, 0, AT, "nightshift cancel");
        control(cancel);
        RunRecord before = queries.run(run).orElseThrow();

        BatchApplier.Applied again = applier.apply(List.of(new Incoming.Control(cancel), new Incoming.Control(cancel)));

        assertThat(again.applied()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(queries.run(run).orElseThrow()).isEqualTo(before);
        assertThat(queries.status(run, null).jobs().cancelled()).isEqualTo(2);
    }

    @Test
    void aControlSurvivesTheStoreBeingReopened() {
        String run = halfDoneRun();
        RunControl interrupted = RunControl.interrupted(run, 0, AT, "the process running it died");
        control(interrupted);

        store.close();
        store = SinkStore.open(dir);
        queries = new SinkQueries(store, clock);

        assertThat(queries.run(run).orElseThrow().control()).isEqualTo(interrupted);
        assertThat(queries.status(run, null).state()).isEqualTo(RunState.INTERRUPTED);
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
