package dev.nightshift.core.job;

import dev.nightshift.core.provider.ModelRef;
import java.util.Objects;

/**
 * A job the router has sent to one provider's lane: which model to call, and why.
 *
 * @param attempt 1 for the first call of this job in this run; the router increments it on failover
 */
public record LaneRequest(Job job, ModelRef model, String routingReason, int attempt) {
    public LaneRequest {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(model, "model");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
        routingReason = routingReason == null ? "" : routingReason;
    }
}
