package dev.nightshift.sinkapi.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;
import java.util.Objects;

/**
 * A job's current state in one run. A job may be known from a result before its run's plan arrives;
 * {@code inPlan} says whether the plan (already seen) lists it, and only planned jobs count towards the run.
 *
 * @param attempts     ledger entries seen for this job in this run
 * @param cost         exact sum of those entries' cost
 * @param reason       why a job failed, was dead-lettered or cancelled; for a test job, the last rejection
 *                     ({@code <verdict>: <first diagnostic line>}) while the job goes on
 * @param contentKey   the artifact-cache key of the job's work, once an event about the job told it
 * @param fromCache    true when the job was answered from the artifact cache instead of a provider
 * @param attemptsSeen bit {@code n} set when attempt {@code n} (0–62) is in the ledger: lets the sink tell a
 *                     redelivered result from the job record it reads anyway, without a ledger read per result
 * @param testTarget   where the job's test goes, as an event about the job told it; {@code null} for other jobs
 * @param firstAttempt the lowest attempt number seen (0 before any)
 * @param firstModel   {@code provider/model} of that attempt: a test delivered by another model was escalated
 * @param rejections   attempts whose test the validator rejected (each followed by a repair or a hand-over)
 * @param verdict      the verdict of the job's last validated attempt; {@code null} when none was validated
 */
public record JobRecord(
        String runId,
        String jobId,
        String unitPath,
        JobState state,
        boolean inPlan,
        int attempts,
        int lastAttempt,
        Money cost,
        String model,
        FailureClass failureClass,
        String reason,
        String contentKey,
        boolean fromCache,
        Instant updatedAt,
        @JsonIgnore long attemptsSeen,
        TestTarget testTarget,
        int firstAttempt,
        String firstModel,
        int rejections,
        Verdict verdict) {
    private static final int TRACKED_ATTEMPTS = 63;

    public JobRecord {
        cost = cost == null ? Money.ZERO : cost;
        state = state == null ? JobState.PLANNED : state;
    }

    /** The record as it was before tests were validated. */
    public JobRecord(
            String runId,
            String jobId,
            String unitPath,
            JobState state,
            boolean inPlan,
            int attempts,
            int lastAttempt,
            Money cost,
            String model,
            FailureClass failureClass,
            String reason,
            String contentKey,
            boolean fromCache,
            Instant updatedAt,
            long attemptsSeen) {
        this(
                runId,
                jobId,
                unitPath,
                state,
                inPlan,
                attempts,
                lastAttempt,
                cost,
                model,
                failureClass,
                reason,
                contentKey,
                fromCache,
                updatedAt,
                attemptsSeen,
                null,
                0,
                null,
                0,
                null);
    }

    /** The record as it was before attempts were tracked (kept for JSON written by earlier versions). */
    public JobRecord(
            String runId,
            String jobId,
            String unitPath,
            JobState state,
            boolean inPlan,
            int attempts,
            int lastAttempt,
            Money cost,
            String model,
            FailureClass failureClass,
            String reason,
            String contentKey,
            boolean fromCache,
            Instant updatedAt) {
        this(
                runId,
                jobId,
                unitPath,
                state,
                inPlan,
                attempts,
                lastAttempt,
                cost,
                model,
                failureClass,
                reason,
                contentKey,
                fromCache,
                updatedAt,
                0L);
    }

    /**
     * Whether the ledger already holds this attempt of the job, or {@code null} when this record cannot tell
     * (an attempt number outside 0–62, or a record stored before attempts were tracked): then ask the ledger.
     */
    public Boolean knowsAttempt(int attempt) {
        if (attempt < 0 || attempt >= TRACKED_ATTEMPTS || (attempts > 0 && attemptsSeen == 0)) {
            return null;
        }
        return (attemptsSeen & (1L << attempt)) != 0;
    }

    public static JobRecord planned(String runId, String jobId, Instant now) {
        return new JobRecord(
                runId, jobId, null, JobState.PLANNED, true, 0, 0, Money.ZERO, null, null, null, null, false, now);
    }

    public static JobRecord unplanned(String runId, String jobId, Instant now) {
        return new JobRecord(
                runId, jobId, null, JobState.PLANNED, false, 0, 0, Money.ZERO, null, null, null, null, false, now);
    }

    public boolean terminal() {
        return state.terminal();
    }

    public JobRecord markedInPlan() {
        return new JobRecord(
                runId,
                jobId,
                unitPath,
                state,
                true,
                attempts,
                lastAttempt,
                cost,
                model,
                failureClass,
                reason,
                contentKey,
                fromCache,
                updatedAt,
                attemptsSeen,
                testTarget,
                firstAttempt,
                firstModel,
                rejections,
                verdict);
    }

    /**
     * What an event tells of its job: its cache key and, for a test job, where its test goes. What the record already
     * knows stays when the event tells nothing (a reference built without its job).
     */
    public JobRecord withJobOf(JobRef ref, Instant now) {
        String key = ref.contentKey() != null ? ref.contentKey() : contentKey;
        TestTarget target = ref.testTarget() != null ? ref.testTarget() : testTarget;
        if (Objects.equals(key, contentKey) && Objects.equals(target, testTarget)) {
            return this;
        }
        return new JobRecord(
                runId,
                jobId,
                unitPath == null ? ref.unitPath() : unitPath,
                state,
                inPlan,
                attempts,
                lastAttempt,
                cost,
                model,
                failureClass,
                reason,
                key,
                fromCache,
                now,
                attemptsSeen,
                target,
                firstAttempt,
                firstModel,
                rejections,
                verdict);
    }

    /**
     * Records one attempt; the state moves only while the job is not terminal (the first end wins).
     *
     * @param attemptVerdict the verdict on the attempt's test, {@code null} when nothing was validated
     * @param rejected       true when the validator rejected the attempt's test
     */
    public JobRecord withAttempt(
            int attempt,
            String unit,
            String attemptModel,
            Money attemptCost,
            JobState next,
            FailureClass failure,
            String why,
            boolean cached,
            Verdict attemptVerdict,
            boolean rejected,
            Instant now) {
        boolean moves = !terminal();
        Money total = cost.isZero() ? attemptCost : cost.plus(attemptCost);
        boolean first = attempts == 0 || firstAttempt == 0 || attempt < firstAttempt;
        return new JobRecord(
                runId,
                jobId,
                unit == null || unit.isEmpty() ? unitPath : unit,
                moves ? next : state,
                inPlan,
                attempts + 1,
                Math.max(lastAttempt, attempt),
                total,
                moves ? attemptModel : model,
                moves ? failure : failureClass,
                moves ? why : reason,
                contentKey,
                moves ? cached : fromCache,
                now,
                seen(attempt),
                testTarget,
                first ? attempt : firstAttempt,
                first ? attemptModel : firstModel,
                rejections + (rejected ? 1 : 0),
                moves && attemptVerdict != null ? attemptVerdict : verdict);
    }

    /** {@link #withAttempt(int, String, String, Money, JobState, FailureClass, String, boolean, Verdict, boolean, Instant)} of an attempt nothing validated. */
    public JobRecord withAttempt(
            int attempt,
            String unit,
            String attemptModel,
            Money attemptCost,
            JobState next,
            FailureClass failure,
            String why,
            boolean cached,
            Instant now) {
        return withAttempt(attempt, unit, attemptModel, attemptCost, next, failure, why, cached, null, false, now);
    }

    /**
     * Ended without an attempt of its own (the router served it from the cache, cancelled it for its budget, or found
     * no model for it); a job that has already ended keeps its end.
     *
     * @param endModel what answered it, or the model it was last routed to; {@code null} when none
     */
    public JobRecord ended(
            JobState next,
            String unit,
            String endModel,
            FailureClass failure,
            String why,
            boolean cached,
            Instant now) {
        if (terminal()) {
            return this;
        }
        return new JobRecord(
                runId,
                jobId,
                unit == null || unit.isEmpty() ? unitPath : unit,
                next,
                inPlan,
                attempts,
                lastAttempt,
                cost,
                endModel == null ? model : endModel,
                failure,
                why,
                contentKey,
                cached,
                now,
                attemptsSeen,
                testTarget,
                firstAttempt,
                firstModel,
                rejections,
                verdict);
    }

    public JobRecord withState(JobState next, String unit, String why, Instant now) {
        return new JobRecord(
                runId,
                jobId,
                unit == null ? unitPath : unit,
                next,
                inPlan,
                attempts,
                lastAttempt,
                cost,
                model,
                failureClass,
                why,
                contentKey,
                fromCache,
                now,
                attemptsSeen,
                testTarget,
                firstAttempt,
                firstModel,
                rejections,
                verdict);
    }

    /** The tracked set plus this attempt; a record that could not tell (legacy) stays unable to tell. */
    private long seen(int attempt) {
        boolean legacy = attempts > 0 && attemptsSeen == 0;
        if (legacy || attempt < 0 || attempt >= TRACKED_ATTEMPTS) {
            return attemptsSeen;
        }
        return attemptsSeen | (1L << attempt);
    }
}
