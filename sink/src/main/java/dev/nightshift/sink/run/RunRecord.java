package dev.nightshift.sink.run;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.sinkapi.run.RunState;
import java.time.Instant;
import java.util.List;

/**
 * A run as the sink knows it. Created by its plan or by its first result, whichever comes first;
 * {@code planned} says whether the plan has arrived (only then are {@code total} and {@code counts} known).
 *
 * @param counts  terminal states of the planned jobs
 * @param attempts ledger entries recorded for the run
 * @param servedFromCache jobs answered from the artifact cache
 * @param maxCost  the run's budget from its plan, {@code null} for none
 * @param tests    repaired and escalated test jobs and the coverage of the run's target files
 * @param control  the run's latest interruption, resumption or cancellation; {@code null} when nobody stopped it
 */
public record RunRecord(
        String runId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        boolean simulated,
        boolean planned,
        long total,
        JobCounts counts,
        List<SkippedFile> skipped,
        long attempts,
        long servedFromCache,
        Instant plannedAt,
        Instant firstResultAt,
        Instant lastResultAt,
        Instant completedAt,
        Money maxCost,
        TestTotals tests,
        RunControl control) {
    public RunRecord {
        counts = counts == null ? JobCounts.NONE : counts;
        tests = tests == null ? TestTotals.NONE : tests;
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
    }

    /** A run nobody stopped. */
    public RunRecord(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            boolean planned,
            long total,
            JobCounts counts,
            List<SkippedFile> skipped,
            long attempts,
            long servedFromCache,
            Instant plannedAt,
            Instant firstResultAt,
            Instant lastResultAt,
            Instant completedAt,
            Money maxCost,
            TestTotals tests) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                attempts,
                servedFromCache,
                plannedAt,
                firstResultAt,
                lastResultAt,
                completedAt,
                maxCost,
                tests,
                null);
    }

    /** A run as recorded before tests were validated. */
    public RunRecord(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            boolean planned,
            long total,
            JobCounts counts,
            List<SkippedFile> skipped,
            long attempts,
            long servedFromCache,
            Instant plannedAt,
            Instant firstResultAt,
            Instant lastResultAt,
            Instant completedAt,
            Money maxCost) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                attempts,
                servedFromCache,
                plannedAt,
                firstResultAt,
                lastResultAt,
                completedAt,
                maxCost,
                TestTotals.NONE);
    }

    /** A run first seen through one of its results or dead letters, before its plan. */
    public static RunRecord unplanned(
            String runId, String tenant, String repository, String commit, TaskType task, boolean simulated) {
        return new RunRecord(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                false,
                0,
                JobCounts.NONE,
                List.of(),
                0,
                0,
                null,
                null,
                null,
                null,
                null);
    }

    public RunState state() {
        if (control != null && control.action() == RunControl.Action.CANCELLED) {
            return RunState.CANCELLED;
        }
        if (planned && counts.terminal() >= total) {
            return RunState.COMPLETED;
        }
        if (control != null && control.action() == RunControl.Action.INTERRUPTED) {
            return RunState.INTERRUPTED;
        }
        return attempts == 0 && counts.terminal() == 0 && servedFromCache == 0 ? RunState.PLANNED : RunState.RUNNING;
    }

    public long pending() {
        return planned ? Math.max(0, total - counts.terminal()) : 0;
    }

    public RunRecord withPlan(
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            long total,
            JobCounts counts,
            List<SkippedFile> skipped,
            Instant plannedAt,
            Money budget) {
        return new RunRecord(
                        runId,
                        tenant,
                        repository,
                        commit,
                        task,
                        simulated,
                        true,
                        total,
                        counts,
                        skipped,
                        attempts,
                        servedFromCache,
                        plannedAt,
                        firstResultAt,
                        lastResultAt,
                        completedAt,
                        budget,
                        tests,
                        control)
                .completeIfDone(plannedAt);
    }

    public RunRecord withAttempt(Instant now) {
        return new RunRecord(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                attempts + 1,
                servedFromCache,
                plannedAt,
                firstResultAt == null ? now : firstResultAt,
                now,
                completedAt,
                maxCost,
                tests,
                control);
    }

    /** The run's test totals after a delivered test or a coverage measurement. */
    public RunRecord withTests(TestTotals next) {
        return new RunRecord(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                attempts,
                servedFromCache,
                plannedAt,
                firstResultAt,
                lastResultAt,
                completedAt,
                maxCost,
                next,
                control);
    }

    public RunRecord withTerminal(JobCountsChange change, Instant now) {
        return new RunRecord(
                        runId,
                        tenant,
                        repository,
                        commit,
                        task,
                        simulated,
                        planned,
                        total,
                        change.apply(counts),
                        skipped,
                        attempts,
                        servedFromCache + change.fromCache(),
                        plannedAt,
                        firstResultAt == null ? now : firstResultAt,
                        now,
                        completedAt,
                        maxCost,
                        tests,
                        control)
                .completeIfDone(now);
    }

    private RunRecord completeIfDone(Instant now) {
        if (completedAt == null && planned && counts.terminal() >= total) {
            return new RunRecord(
                    runId,
                    tenant,
                    repository,
                    commit,
                    task,
                    simulated,
                    planned,
                    total,
                    counts,
                    skipped,
                    attempts,
                    servedFromCache,
                    plannedAt,
                    firstResultAt,
                    lastResultAt,
                    now,
                    maxCost,
                    tests,
                    control);
        }
        return this;
    }

    /** The run with its latest interruption, resumption or cancellation. */
    public RunRecord withControl(RunControl next) {
        return new RunRecord(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                attempts,
                servedFromCache,
                plannedAt,
                firstResultAt,
                lastResultAt,
                completedAt,
                maxCost,
                tests,
                next);
    }

    /** The generation of the run's jobs now being published: 0 for its first plan, one more for each resume. */
    public int generation() {
        return control == null ? 0 : control.generation();
    }

    /** A job of this run reached a terminal state; {@code counted} when the plan lists it. */
    public record JobCountsChange(dev.nightshift.core.job.JobState state, boolean counted, int fromCache) {
        JobCounts apply(JobCounts c) {
            return counted ? c.plus(state) : c;
        }
    }
}
