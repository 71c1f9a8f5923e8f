package dev.nightshift.router.estimate;

import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.router.policy.ComplexitySignal;
import java.util.Objects;

/**
 * What the estimate needs of a planned job: its task, language, size and complexity — not its content.
 *
 * @param complexity the complexity signal ({@link ComplexitySignal}) of the unit
 * @param docLevel   a documentation job's level (how many levels wait on it, for a deadline's batch share);
 *                   {@code null} for a test job
 */
public record PlannedUnit(
        TaskType task, String language, long inputTokens, int maxOutputTokens, int complexity, DocLevel docLevel) {
    public PlannedUnit {
        Objects.requireNonNull(task, "task");
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens cannot be negative");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0");
        }
    }

    /** A unit whose documentation level is not known (or a test job's). */
    public PlannedUnit(TaskType task, String language, long inputTokens, int maxOutputTokens, int complexity) {
        this(task, language, inputTokens, maxOutputTokens, complexity, null);
    }

    public static PlannedUnit of(Job job) {
        return new PlannedUnit(
                job.task(),
                job.language(),
                job.inputTokens(),
                job.maxOutputTokens(),
                ComplexitySignal.of(job.content()),
                job.docs() == null ? null : job.docs().level());
    }
}
