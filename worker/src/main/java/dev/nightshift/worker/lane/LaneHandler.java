package dev.nightshift.worker.lane;

import dev.nightshift.core.job.LaneRequest;
import io.vertx.core.Future;

/**
 * Works one lane record on the Vert.x context. Contract: the future completes once the record's effect is
 * durable (its result published), with the acknowledgement to send; it may take as long as it needs,
 * since the poller keeps the record's lock renewed. A failed future is treated as {@link Disposition#RELEASE}.
 *
 * @see LanePoller
 */
public interface LaneHandler {
    /**
     * @param deliveryCount 1 on the first delivery of this record, growing with each RELEASE or lost lock
     */
    Future<Disposition> handle(LaneRequest request, int deliveryCount);
}
