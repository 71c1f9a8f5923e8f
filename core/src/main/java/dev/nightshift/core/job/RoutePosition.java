package dev.nightshift.core.job;

/**
 * Where a job stands on its route, carried by each lane request and so by each failed attempt handed back to the
 * router: the router plans the next step from the record alone, with nothing to remember or look up between a job's
 * attempts (a router that restarted, or another replica, plans it the same).
 *
 * @param generation     the run's generation the job was published in (0, then one more for each resume)
 * @param escalations    how many times the job has been escalated to a stronger model
 * @param repairsOnModel repair rounds the lane request's model has had for this job
 */
public record RoutePosition(int generation, int escalations, int repairsOnModel) {
    public static final RoutePosition FIRST = new RoutePosition(0, 0, 0);

    public RoutePosition {
        if (generation < 0 || escalations < 0 || repairsOnModel < 0) {
            throw new IllegalArgumentException(
                    "a route position counts from 0, got " + generation + "/" + escalations + "/" + repairsOnModel);
        }
    }

    public static RoutePosition first(int generation) {
        return new RoutePosition(generation, 0, 0);
    }

    /** The position of one more repair round on the same model. */
    public RoutePosition repaired() {
        return new RoutePosition(generation, escalations, repairsOnModel + 1);
    }

    /** The position on another model: escalated to a stronger one, or failed over to a peer. */
    public RoutePosition movedOn(boolean escalation) {
        return new RoutePosition(generation, escalations + (escalation ? 1 : 0), 0);
    }
}
