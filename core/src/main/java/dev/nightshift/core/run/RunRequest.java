package dev.nightshift.core.run;

import dev.nightshift.core.job.TaskType;
import java.util.Objects;

/**
 * A request to run a task over a repository: what {@code nightshift run} and {@code submit} hand to ingest.
 *
 * @param source    a local path or a URL (https, ssh, file)
 * @param ref       a branch, tag or commit; {@code null} means HEAD
 * @param simulated true for a dry run against the simulator
 */
public record RunRequest(String runId, String tenant, String source, String ref, TaskType task, boolean simulated) {
    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(task, "task");
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
        ref = ref == null || ref.isBlank() ? null : ref.trim();
    }
}
