package dev.nightshift.router.estimate;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.router.policy.ComplexitySignal;
import java.util.Objects;

/**
 * What the estimate needs of a planned job: its task, language, size and complexity — not its content.
 *
 * @param complexity the complexity signal ({@link ComplexitySignal}) of the unit
 */
public record PlannedUnit(TaskType task, String language, long inputTokens, int maxOutputTokens, int complexity) {
    public PlannedUnit {
        Objects.requireNonNull(task, "task");
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens cannot be negative");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0");
        }
    }

    public static PlannedUnit of(Job job) {
        return new PlannedUnit(
                job.task(),
                job.language(),
                job.inputTokens(),
                job.maxOutputTokens(),
                ComplexitySignal.of(job.content()));
    }
}
