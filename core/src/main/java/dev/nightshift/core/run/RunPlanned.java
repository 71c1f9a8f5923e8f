package dev.nightshift.core.run;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Published by ingest on {@code nightshift.runs} before any of the run's jobs, so that the sink knows
 * how many jobs make the run complete and what was withheld.
 *
 * @param jobIds  every job of the run, in plan order
 * @param skipped files that were not turned into jobs, with the reason
 * @param maxCost the run's budget, copied from its request; {@code null} for none (the router enforces it)
 * @param estimate what the run was expected to cost when it was planned; {@code null} when nobody estimated it
 * @param evaluation the evaluation this run is an arm of (the router sends its jobs to that model alone);
 *                {@code null} for an ordinary run
 * @param deadline when the run's results are needed, copied from its request; {@code null}: no deadline (the router
 *                sends jobs that can wait to the providers' batch APIs)
 */
public record RunPlanned(
        String runId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        List<String> jobIds,
        long inputTokens,
        List<SkippedFile> skipped,
        boolean simulated,
        Instant plannedAt,
        Money maxCost,
        Money estimate,
        EvaluationSpec evaluation,
        Instant deadline) {
    /** A plan without a deadline. */
    public RunPlanned(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            List<String> jobIds,
            long inputTokens,
            List<SkippedFile> skipped,
            boolean simulated,
            Instant plannedAt,
            Money maxCost,
            Money estimate,
            EvaluationSpec evaluation) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobIds,
                inputTokens,
                skipped,
                simulated,
                plannedAt,
                maxCost,
                estimate,
                evaluation,
                null);
    }

    /** The same plan with the request's deadline. */
    public RunPlanned withDeadline(Instant by) {
        return new RunPlanned(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobIds,
                inputTokens,
                skipped,
                simulated,
                plannedAt,
                maxCost,
                estimate,
                evaluation,
                by);
    }

    public RunPlanned {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        jobIds = List.copyOf(jobIds);
        skipped = List.copyOf(skipped == null ? List.of() : skipped);
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
    }

    /** A plan with a budget, neither estimated nor part of an evaluation. */
    public RunPlanned(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            List<String> jobIds,
            long inputTokens,
            List<SkippedFile> skipped,
            boolean simulated,
            Instant plannedAt,
            Money maxCost) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobIds,
                inputTokens,
                skipped,
                simulated,
                plannedAt,
                maxCost,
                null,
                null);
    }

    /** A plan without a budget. */
    public RunPlanned(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            List<String> jobIds,
            long inputTokens,
            List<SkippedFile> skipped,
            boolean simulated,
            Instant plannedAt) {
        this(runId, tenant, repository, commit, task, jobIds, inputTokens, skipped, simulated, plannedAt, null);
    }

    /** The same plan with the request's budget. */
    public RunPlanned withMaxCost(Money budget) {
        return new RunPlanned(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobIds,
                inputTokens,
                skipped,
                simulated,
                plannedAt,
                budget,
                estimate,
                evaluation,
                deadline);
    }

    /** The same plan with what it was expected to cost. */
    public RunPlanned withEstimate(Money expected) {
        return new RunPlanned(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobIds,
                inputTokens,
                skipped,
                simulated,
                plannedAt,
                maxCost,
                expected,
                evaluation,
                deadline);
    }

    /** A file left out of the run: its path and why (e.g. {@code binary}, {@code too-large}). */
    public record SkippedFile(String path, String reason) {}
}
