package dev.nightshift.core.attempt;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.LaneRequest;
import java.util.Objects;

/**
 * A failed attempt handed back to the router on {@code nightshift.retry}, with the lane request it was made for: the
 * job, the model, and where the job stands on its route. The router plans the next attempt from this record alone.
 */
public record FailedAttempt(LaneRequest request, AttemptResult attempt) {
    public FailedAttempt {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(attempt, "attempt");
    }
}
