package dev.nightshift.core.attempt;

/**
 * Attempt numbers of the calls a worker retries inside the lane (429, overload, 5xx, transport), so that each
 * provider request is its own ledger line under a (runId, jobId, attempt) key nobody else uses.
 *
 * <p>The router numbers the attempts it routes 1, 2, 3, … (a fail-over or escalation takes the failed number + 1,
 * and a job the router ends itself takes the next one: all of them at most {@code maxAttempts + 1}, far below
 * {@value #STRIDE}). A call the worker retries is numbered {@code routedAttempt × STRIDE + deliveryCount}: the routed
 * attempt it belongs to, and the broker's delivery count of the lane record it was made on. The broker counts every
 * delivery of a record, and only one consumer holds a delivery, so two replicas never reuse a delivery count; the
 * delivery limit (2–10) is below {@code STRIDE}, so two routed attempts never share a number either. The lane
 * record's last call keeps the routed number, so the router's budget hold, fail-over and attempt count are
 * unchanged: it settles these lines as attempts it never held, and never routes from {@code nightshift.results}.
 */
public final class LaneRetryAttempts {
    /** Room for the delivery counts of one routed attempt; larger than any delivery limit or routed attempt number. */
    public static final int STRIDE = 1000;

    private LaneRetryAttempts() {}

    /** The ledger number of the call made on delivery {@code deliveryCount} of routed attempt {@code routedAttempt}, retried in the lane. */
    public static int of(int routedAttempt, int deliveryCount) {
        if (routedAttempt < 1 || routedAttempt >= STRIDE || deliveryCount < 1 || deliveryCount >= STRIDE) {
            throw new IllegalArgumentException("attempt " + routedAttempt + " delivery " + deliveryCount
                    + " out of the range a lane retry can number (1.." + (STRIDE - 1) + ")");
        }
        return routedAttempt * STRIDE + deliveryCount;
    }

    /** True for a number {@link #of} gave, false for one the router gave. */
    public static boolean isLaneRetry(int attempt) {
        return attempt >= STRIDE;
    }

    /** The routed attempt a lane retry's number belongs to. */
    public static int routedOf(int laneRetry) {
        return laneRetry / STRIDE;
    }

    /** The delivery a lane retry's number was made on. */
    public static int deliveryOf(int laneRetry) {
        return laneRetry % STRIDE;
    }
}
