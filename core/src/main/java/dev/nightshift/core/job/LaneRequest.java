package dev.nightshift.core.job;

import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Repair;
import java.util.Objects;

/**
 * A job the router has sent to one provider's lane: which model to call, and why.
 *
 * @param attempt 1 for the first call of this job in this run; the router increments it on failover
 * @param repair  for a repair round, the rejected test and its diagnostics; {@code null} for a first try
 * @param position where the job stands on its route (generation, escalations, repair rounds); absent in records
 *                 written before it was carried: the first position
 */
public record LaneRequest(
        Job job, ModelRef model, String routingReason, int attempt, Repair repair, RoutePosition position) {
    public LaneRequest {
        position = position == null ? RoutePosition.FIRST : position;
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(model, "model");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
        routingReason = routingReason == null ? "" : routingReason;
    }

    public LaneRequest(Job job, ModelRef model, String routingReason, int attempt) {
        this(job, model, routingReason, attempt, null, RoutePosition.FIRST);
    }

    public LaneRequest(Job job, ModelRef model, String routingReason, int attempt, Repair repair) {
        this(job, model, routingReason, attempt, repair, RoutePosition.FIRST);
    }
}
