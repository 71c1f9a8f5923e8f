package dev.nightshift.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;

/**
 * What happened to a job, as published on {@code nightshift.results}: a provider call answered or failed
 * ({@link AttemptResult}, the only event with a cost), or the router ending the job without a call — answered from the
 * cache or by a job doing the same work ({@link ServedFromCache}), cancelled because no budget covers it
 * ({@link CancelledByBudget}), or failed because no model can take it any more ({@link NotRouted}).
 *
 * <p>The kind of event is its type, named on the wire by the {@code event} field; consumers switch on it and never on
 * the text of a reason.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AttemptResult.class, name = "attempt"),
    @JsonSubTypes.Type(value = ServedFromCache.class, name = "served-from-cache"),
    @JsonSubTypes.Type(value = CancelledByBudget.class, name = "cancelled-by-budget"),
    @JsonSubTypes.Type(value = NotRouted.class, name = "not-routed")
})
public sealed interface JobEvent permits AttemptResult, ServedFromCache, CancelledByBudget, NotRouted {
    JobRef job();

    /** True when the event ends the job; only an attempt that will be retried or repaired is not terminal. */
    boolean terminal();

    default String runId() {
        return job().runId();
    }

    default String jobId() {
        return job().jobId();
    }

    default String tenant() {
        return job().tenant();
    }

    default TaskType task() {
        return job().task();
    }

    default String unitPath() {
        return job().unitPath();
    }

    default String language() {
        return job().language();
    }

    default boolean simulated() {
        return job().simulated();
    }
}
