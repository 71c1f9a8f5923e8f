package dev.nightshift.core.job;

import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.validation.Repair;
import java.util.Objects;

/**
 * A job the router has sent to one provider's lane: which model to call, and why.
 *
 * @param attempt 1 for the first call of this job in this run; the router increments it on failover
 * @param repair  for a repair round, the rejected test and its diagnostics; {@code null} for a first try
 * @param position where the job stands on its route (generation, escalations, repair rounds); absent in records
 *                 written before it was carried: the first position
 * @param tier     {@link ServiceTier#BATCH} for a request sent to its provider's batch lane (a run with a deadline);
 *                 absent: standard, a synchronous call
 */
public record LaneRequest(
        Job job,
        ModelRef model,
        String routingReason,
        int attempt,
        Repair repair,
        RoutePosition position,
        ServiceTier tier) {
    public LaneRequest(
            Job job, ModelRef model, String routingReason, int attempt, Repair repair, RoutePosition position) {
        this(job, model, routingReason, attempt, repair, position, ServiceTier.STANDARD);
    }

    /** The same request on another tier. */
    public LaneRequest onTier(ServiceTier t) {
        return new LaneRequest(job, model, routingReason, attempt, repair, position, t);
    }

    public LaneRequest {
        tier = tier == null ? ServiceTier.STANDARD : tier;
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
