package dev.nightshift.core.run;

import dev.nightshift.core.job.TaskType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Published by ingest on {@code nightshift.runs} before any of the run's jobs, so that the sink knows
 * how many jobs make the run complete and what was withheld.
 *
 * @param jobIds  every job of the run, in plan order
 * @param skipped files that were not turned into jobs, with the reason
 */
public record RunPlanned(String runId, String tenant, String repository, String commit, TaskType task,
                         List<String> jobIds, long inputTokens, List<SkippedFile> skipped, boolean simulated,
                         Instant plannedAt) {
    public RunPlanned {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        jobIds = List.copyOf(jobIds);
        skipped = List.copyOf(skipped == null ? List.of() : skipped);
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
    }

    /** A file left out of the run: its path and why (e.g. {@code binary}, {@code too-large}). */
    public record SkippedFile(String path, String reason) {
    }
}
