package dev.nightshift.core.run;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import java.time.Instant;
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
 * @param scope     only this sub-tree (a folder or file path inside the repository, '/'-separated, {@code --path});
 *                  {@code null} for the whole repository
 * @param includeTests for documentation: document test files too ({@code true}), or not ({@code false}); {@code null}
 *                  follows the config's {@code docs.testFiles}
 * @param evaluation this run is one arm of a model evaluation (a sample of units, one model, no cache);
 *                  {@code null} for an ordinary run
 * @param deadline  when the run's results are needed ({@code --deadline}, {@code --within}): jobs that can wait go to
 *                  the providers' batch APIs at the batch price; {@code null}: every call synchronous
 */
public record RunRequest(
        String runId,
        String tenant,
        String source,
        String ref,
        TaskType task,
        boolean simulated,
        Money maxCost,
        boolean worktree,
        String scope,
        Boolean includeTests,
        EvaluationSpec evaluation,
        Instant deadline) {
    /** A run without a deadline. */
    public RunRequest(
            String runId,
            String tenant,
            String source,
            String ref,
            TaskType task,
            boolean simulated,
            Money maxCost,
            boolean worktree,
            String scope,
            Boolean includeTests,
            EvaluationSpec evaluation) {
        this(runId, tenant, source, ref, task, simulated, maxCost, worktree, scope, includeTests, evaluation, null);
    }

    /** This request with its results needed by {@code by} ({@code null}: no deadline). */
    public RunRequest withDeadline(Instant by) {
        return new RunRequest(
                runId, tenant, source, ref, task, simulated, maxCost, worktree, scope, includeTests, evaluation, by);
    }

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(task, "task");
        tenant = tenant == null || tenant.isBlank() ? "default" : tenant;
        ref = ref == null || ref.isBlank() ? null : ref.trim();
        if (maxCost != null && (maxCost.isNegative() || maxCost.isZero())) {
            throw new IllegalArgumentException("the run's maximum cost must be more than $0, got " + maxCost);
        }
        scope = normalisedScope(scope);
    }

    /** A run of the whole repository or a sub-tree, not part of an evaluation. */
    public RunRequest(
            String runId,
            String tenant,
            String source,
            String ref,
            TaskType task,
            boolean simulated,
            Money maxCost,
            boolean worktree,
            String scope,
            Boolean includeTests) {
        this(runId, tenant, source, ref, task, simulated, maxCost, worktree, scope, includeTests, null);
    }

    /** This request as one arm of an evaluation. */
    public RunRequest evaluating(EvaluationSpec spec) {
        return new RunRequest(
                runId, tenant, source, ref, task, simulated, maxCost, worktree, scope, includeTests, spec, deadline);
    }

    /** A run of the whole repository (or a working tree), test files as the config says. */
    public RunRequest(
            String runId,
            String tenant,
            String source,
            String ref,
            TaskType task,
            boolean simulated,
            Money maxCost,
            boolean worktree) {
        this(runId, tenant, source, ref, task, simulated, maxCost, worktree, null, null);
    }

    /** This request limited to a sub-tree and with test files documented or not ({@code null}: unchanged). */
    public RunRequest scoped(String subTree, Boolean documentTests) {
        return new RunRequest(
                runId,
                tenant,
                source,
                ref,
                task,
                simulated,
                maxCost,
                worktree,
                subTree,
                documentTests == null ? includeTests : documentTests,
                evaluation,
                deadline);
    }

    /**
     * A sub-tree as a clean relative path without a trailing slash; {@code null} for none. Refuses what could name
     * something outside the repository.
     */
    private static String normalisedScope(String scope) {
        if (scope == null
                || scope.isBlank()
                || scope.strip().equals(".")
                || scope.strip().equals("./")) {
            return null;
        }
        String s = scope.strip().replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("/")
                || s.matches("^[A-Za-z]:.*")
                || java.util.Arrays.asList(s.split("/")).contains("..")
                || s.contains("//")) {
            throw new IllegalArgumentException("--path '" + scope + "' must be a folder or file inside the repository,"
                    + " relative to its root (e.g. --path src/)");
        }
        return s;
    }

    /** A run of a commit (not the working tree). */
    public RunRequest(
            String runId, String tenant, String source, String ref, TaskType task, boolean simulated, Money maxCost) {
        this(runId, tenant, source, ref, task, simulated, maxCost, false, null, null);
    }

    /** A run without a budget. */
    public RunRequest(String runId, String tenant, String source, String ref, TaskType task, boolean simulated) {
        this(runId, tenant, source, ref, task, simulated, null, false, null, null);
    }
}
