package dev.nightshift.sink.eval;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;

/** One arm of an evaluation as the sink keeps it: the run that sent the sample to one model. */
public record EvaluationArm(
        String evaluationId,
        String runId,
        String model,
        int sample,
        long seed,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        Instant plannedAt) {

    /** The arm a plan declares, or {@code null} when the plan is an ordinary run's. */
    public static EvaluationArm of(RunPlanned plan, Instant now) {
        if (plan.evaluation() == null) {
            return null;
        }
        return new EvaluationArm(
                plan.evaluation().evaluationId(),
                plan.runId(),
                plan.evaluation().model().toString(),
                plan.evaluation().sample(),
                plan.evaluation().seed(),
                plan.tenant(),
                plan.repository(),
                plan.commit(),
                plan.task(),
                plan.plannedAt() == null ? now : plan.plannedAt());
    }
}
