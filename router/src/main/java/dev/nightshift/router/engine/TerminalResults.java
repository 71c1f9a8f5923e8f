package dev.nightshift.router.engine;

import dev.nightshift.core.attempt.AttemptResult;
import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;

/**
 * The attempts the router records itself when it ends a job without calling anyone: zero tokens, zero
 * cost, terminal. Such an attempt keeps the (runId, jobId, attempt) ledger key unique by taking the next
 * attempt number, so it never collides with an attempt a worker recorded.
 */
public final class TerminalResults {
    /** Failure reasons of jobs cancelled by a budget start with this word. */
    public static final String BUDGET_REASON = "budget";

    private TerminalResults() {
    }

    /** Finish reason of a cancelled job: the sink counts a terminal failure whose finish reason starts with "cancel" as cancelled. */
    public static final String CANCELLED = "cancelled";
    /** Finish reason of a job answered from the artifact cache (what the sink counts as served from cache). */
    public static final String CACHED = CacheTopics.SERVED_FROM_CACHE;
    /** Provider of a job answered from the artifact cache: the ledger and cost by model show {@code cache}, at $0. */
    public static final String CACHE_PROVIDER = "cache";
    /** Finish reason of a job the router failed (no model can take it, or its chain ran out). */
    public static final String NOT_ROUTED = "not-routed";

    public static AttemptResult failed(Job job, int attempt, ModelRef model, FailureClass failureClass, String reason,
                                       Instant now) {
        return ended(job, attempt, model, failureClass, reason, NOT_ROUTED, now);
    }

    private static AttemptResult ended(Job job, int attempt, ModelRef model, FailureClass failureClass, String reason,
                                       String finishReason, Instant now) {
        return new AttemptResult(job.runId(), job.jobId(), attempt, job.tenant(), job.repository(), job.commit(),
                job.task(), job.unitPath(), job.language(), model == null ? null : model.provider(),
                model == null ? null : model.model(), reason, Outcome.FAILED, failureClass, reason,
                Usage.of(0, 0, 0, 0), Money.ZERO, null, 0, now, now, finishReason, null, job.simulated(), true);
    }

    /**
     * A job cancelled because its budget cannot cover it: finish reason {@value #CANCELLED}, failure reason
     * starting with {@value #BUDGET_REASON}. {@link FailureClass} has no budget class yet, so the class is
     * {@code QUOTA_EXHAUSTED}.
     */
    public static AttemptResult cancelledByBudget(Job job, int attempt, ModelRef model, String detail, Instant now) {
        return ended(job, attempt, model, FailureClass.QUOTA_EXHAUSTED, BUDGET_REASON + ": " + detail, CANCELLED, now);
    }

    /**
     * A job answered from the artifact cache: terminal SUCCEEDED, attempt 1 (the job was never sent), zero
     * usage and cost, no artifact text — the sink copies the cached text.
     */
    public static AttemptResult cached(Job job, Instant now) {
        return servedFree(job, "served from the artifact cache", null, now);
    }

    /**
     * A job answered with the artifact of another job that did the same work at the same time (another run of the
     * same content): attempt 1, nothing paid, counted as served from the cache.
     */
    public static AttemptResult sameWork(Job job, AttemptResult done, Instant now) {
        return servedFree(job, "answered by job " + done.jobId() + " of run " + done.runId() + ", which did the same work",
                done.artifact(), now);
    }

    private static AttemptResult servedFree(Job job, String reason, String artifact, Instant now) {
        return new AttemptResult(job.runId(), job.jobId(), 1, job.tenant(), job.repository(), job.commit(), job.task(),
                job.unitPath(), job.language(), CACHE_PROVIDER, null, reason, Outcome.SUCCEEDED, null, null,
                Usage.of(0, 0, 0, 0), Money.ZERO, null, 0, now, now, CACHED, artifact, job.simulated(), true);
    }
}
