package dev.nightshift.core.routerstate;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the router knows of a job it holds, between the job's arrival and its end (then the record is deleted).
 *
 * @param generation       the run's generation the job was published in
 * @param dispatched       whether the job counts in the dispatch window (sent to a lane, or waiting for budget or for
 *                         the same work)
 * @param holds            money held against its budgets by attempts not settled yet
 * @param settled          attempts whose cost is booked (a redelivered result is not booked twice)
 * @param retriesHandled   failed attempts already planned on (a redelivered failure is not routed twice)
 * @param waitingForBudget the attempt waiting for room in its budgets, or {@code null}
 * @param doingWork        the content key of the work the job does for others waiting on it, or {@code null}
 * @param waitingForWork   the content key of the work another job does for it, or {@code null}
 * @param waitingJob       the job as planned, kept while it waits for another's work (it is routed if that one fails)
 */
public record JobRouting(
        String runId,
        String jobId,
        String tenant,
        int generation,
        boolean dispatched,
        List<HeldAttempt> holds,
        List<Integer> settled,
        List<Integer> retriesHandled,
        LaneRequest waitingForBudget,
        String doingWork,
        String waitingForWork,
        Job waitingJob)
        implements RouterState {
    public JobRouting {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        holds = holds == null ? List.of() : List.copyOf(holds);
        settled = settled == null ? List.of() : List.copyOf(settled);
        retriesHandled = retriesHandled == null ? List.of() : List.copyOf(retriesHandled);
    }

    @Override
    public String key() {
        return RouterState.jobKey(runId, jobId);
    }

    /** Money one attempt holds against its run's budget and its tenant's budget of {@code day}. */
    public record HeldAttempt(int attempt, Money amount, LocalDate day) {}
}
