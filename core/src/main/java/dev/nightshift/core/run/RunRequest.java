package dev.nightshift.core.run;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import java.util.Objects;

/**
 * A request to run a task over a repository: what {@code nightshift run} and {@code submit} hand to ingest.
 *
 * @param source    a local path or a URL (https, ssh, file)
 * @param ref       a branch, tag or commit; {@code null} means HEAD
 * @param simulated true for a dry run against the simulator
 * @param maxCost   the run's budget ({@code --max-cost}); {@code null} for none
 * @param worktree  read the local repository's working tree (uncommitted and untracked, not ignored, files)
 *                  on top of HEAD instead of a commit from the object database ({@code --worktree}); only for
 *                  a local path and without {@code ref}. Absent from older messages, which decode as {@code false}.
 */
public record RunRequest(String runId, String tenant, String source, String ref, TaskType task, boolean simulated,
                         Money maxCost, boolean worktree) {
    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(task, "task");
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
        ref = ref == null || ref.isBlank() ? null : ref.trim();
        if (maxCost != null && (maxCost.isNegative() || maxCost.isZero())) {
            throw new IllegalArgumentException("the run's maximum cost must be more than $0, got " + maxCost);
        }
    }

    /** A run of a commit (not the working tree). */
    public RunRequest(String runId, String tenant, String source, String ref, TaskType task, boolean simulated,
                      Money maxCost) {
        this(runId, tenant, source, ref, task, simulated, maxCost, false);
    }

    /** A run without a budget. */
    public RunRequest(String runId, String tenant, String source, String ref, TaskType task, boolean simulated) {
        this(runId, tenant, source, ref, task, simulated, null, false);
    }
}
