package dev.nightshift.core.event;

import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.provider.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A job the router cancelled because a budget (the run's {@code --max-cost}, or its tenant's) can never cover its next
 * attempt, even once every attempt in flight has settled.
 *
 * @param model  the model the attempt would have gone to
 * @param detail which budget refused, and why the attempt was routed there
 */
public record CancelledByBudget(JobRef job, Instant at, ModelRef model, String detail) implements JobEvent {
    public CancelledByBudget {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean terminal() {
        return true;
    }
}
