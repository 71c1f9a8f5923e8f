package dev.nightshift.sink.run;

import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.money.Money;
import java.time.Instant;

/**
 * A job's current state in one run. A job may be known from a result before its run's plan arrives;
 * {@code inPlan} says whether the plan (already seen) lists it, and only planned jobs count towards the run.
 *
 * @param attempts  ledger entries seen for this job in this run
 * @param cost      exact sum of those entries' cost
 * @param reason    why a job failed, was dead-lettered or cancelled
 * @param fromCache true when the job was answered from the artifact cache instead of a provider
 */
public record JobRecord(String runId, String jobId, String unitPath, JobState state, boolean inPlan, int attempts,
                        int lastAttempt, Money cost, String model, FailureClass failureClass, String reason,
                        boolean fromCache, Instant updatedAt) {
    public JobRecord {
        cost = cost == null ? Money.ZERO : cost;
        state = state == null ? JobState.PLANNED : state;
    }

    public static JobRecord planned(String runId, String jobId, Instant now) {
        return new JobRecord(runId, jobId, null, JobState.PLANNED, true, 0, 0, Money.ZERO, null, null, null, false, now);
    }

    public static JobRecord unplanned(String runId, String jobId, Instant now) {
        return new JobRecord(runId, jobId, null, JobState.PLANNED, false, 0, 0, Money.ZERO, null, null, null, false, now);
    }

    public boolean terminal() {
        return state.terminal();
    }

    public JobRecord markedInPlan() {
        return new JobRecord(runId, jobId, unitPath, state, true, attempts, lastAttempt, cost, model, failureClass,
                reason, fromCache, updatedAt);
    }

    /** Records one attempt; the state moves only while the job is not terminal (the first end wins). */
    public JobRecord withAttempt(int attempt, String unitPath, String model, Money attemptCost, JobState next,
                                 FailureClass failureClass, String reason, Instant now) {
        boolean moves = !terminal();
        return new JobRecord(runId, jobId, unitPath == null || unitPath.isEmpty() ? this.unitPath : unitPath,
                moves ? next : state, inPlan, attempts + 1, Math.max(lastAttempt, attempt), cost.plus(attemptCost),
                moves ? model : this.model, moves ? failureClass : this.failureClass, moves ? reason : this.reason,
                fromCache, now);
    }

    public JobRecord withState(JobState next, String unitPath, String reason, boolean fromCache, Instant now) {
        return new JobRecord(runId, jobId, unitPath == null ? this.unitPath : unitPath, next, inPlan, attempts,
                lastAttempt, cost, model, failureClass, reason, fromCache, now);
    }
}
