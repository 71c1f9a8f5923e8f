package dev.nightshift.sink.eval;

import dev.nightshift.core.job.TaskType;
import java.time.Instant;
import java.util.List;

/**
 * One evaluation as listed: which repository and task, how big a sample, and its arms (a run per model).
 *
 * @param arms     the candidate models and their runs, in the order they were planned
 * @param complete every arm's run has ended
 */
public record EvaluationSummary(
        String evaluationId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        int sample,
        long seed,
        List<Arm> arms,
        Instant createdAt,
        boolean complete) {
    public EvaluationSummary {
        arms = List.copyOf(arms);
    }

    /** One candidate model and the run that sent the sample to it. */
    public record Arm(String model, String runId, boolean complete) {}
}
