package dev.nightshift.sink.apply;

import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs the router ends without calling anyone: each kind of end gives the job its own state and reason from the event's
 * type, and none of them is a line of the ledger, which holds provider calls only.
 */
class RouterEndsTest {
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");

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

    private static JobRef ref(String run, String job) {
        return new JobRef(
                run, job, "default", "/repos/demo", "c0ffee", TaskType.DOCS, "src/" + job + ".java", "java", true);
    }

    private List<LedgerEntry> ledger(String run) {
        List<LedgerEntry> lines = new ArrayList<>();
        queries.ledger(run, null, lines::add);
        return lines;
    }

    @Test
    void eachEndOfTheRoutersSetsItsOwnStateAndNoneIsALedgerLine() {
        String run = newRunId();
        applier.apply(
                List.of(new Incoming.Plan(plan(run, "default", List.of("paid", "cached", "same", "over", "none")))));

        applier.apply(List.of(
                new Incoming.Event(success(run, "paid", 1, "src/paid.java", Usage.of(100, 0, 0, 50))),
                new Incoming.Event(new ServedFromCache(ref(run, "cached"), Fixtures.T0, null, null)),
                new Incoming.Event(
                        new ServedFromCache(ref(run, "same"), Fixtures.T0, ref("r-other", "paid"), "# same doc\n")),
                new Incoming.Event(
                        new CancelledByBudget(ref(run, "over"), Fixtures.T0, DEEPSEEK, "run budget $0.01 spent")),
                new Incoming.Event(new NotRouted(
                        ref(run, "none"),
                        Fixtures.T0,
                        NotRouted.Why.NO_CAPABLE_MODEL,
                        FailureClass.CONTEXT_TOO_LONG,
                        DEEPSEEK,
                        "larger than every model's context window"))));

        RunStatus status = queries.status(run, null);
        assertThat(status.jobs()).isEqualTo(new RunStatus.Jobs(5, 3, 1, 0, 1, 0));
        assertThat(status.servedFromCache()).isEqualTo(2);
        assertThat(ledger(run)).extracting(LedgerEntry::jobId).containsExactly("paid");

        JobRecord over = queries.job(run, "over").orElseThrow();
        assertThat(over.state()).isEqualTo(JobState.CANCELLED);
        assertThat(over.reason()).isEqualTo("cancelled by budget: run budget $0.01 spent");
        assertThat(over.attempts()).isZero();
        JobRecord none = queries.job(run, "none").orElseThrow();
        assertThat(none.state()).isEqualTo(JobState.FAILED);
        assertThat(none.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
        assertThat(none.model()).isEqualTo("deepseek/deepseek-chat");
        JobRecord same = queries.job(run, "same").orElseThrow();
        assertThat(same.fromCache()).isTrue();
        assertThat(same.reason()).contains("answered by job paid of run r-other");
        assertThat(queries.artifactText(run, "same", null)).isEqualTo("# same doc\n");
    }

    @Test
    void anEndRedeliveredOrArrivingAfterTheRunWasCancelledChangesNothing() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("a", "b")))));
        NotRouted end = new NotRouted(
                ref(run, "a"),
                Fixtures.T0,
                NotRouted.Why.ROUTE_EXHAUSTED,
                FailureClass.OVERLOADED,
                DEEPSEEK,
                "out of chain");

        BatchApplier.Applied first = applier.apply(List.of(new Incoming.Event(end)));
        BatchApplier.Applied again = applier.apply(List.of(new Incoming.Event(end)));
        applier.apply(List.of(new Incoming.Control(RunControl.cancelled(run, 0, Fixtures.T0, "stop"))));
        BatchApplier.Applied late =
                applier.apply(List.of(new Incoming.Event(new ServedFromCache(ref(run, "b"), Fixtures.T0, null, null))));

        assertThat(first.applied()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(late.duplicates()).isEqualTo(1);
        assertThat(queries.status(run, null).jobs()).isEqualTo(new RunStatus.Jobs(2, 0, 1, 0, 1, 0));
        assertThat(queries.job(run, "b").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }
}
