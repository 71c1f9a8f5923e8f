package dev.nightshift.router.engine;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;

/**
 * What the router tells the outside world as it works (metrics). Called on the router loop's thread;
 * implementations must not block it.
 */
public interface RouterEvents {
    RouterEvents NONE = new RouterEvents() {
        @Override
        public void routed(ModelRef model, TaskType task) {}

        @Override
        public void runBudget(String runId, String tenant, Money limit, Money committed) {}

        @Override
        public void consumerLag(long records) {}
    };

    /** A job was published to a lane (first routing or failover). */
    void routed(ModelRef model, TaskType task);

    /** A run with a budget changed: its limit, and what is spent plus held against it. */
    void runBudget(String runId, String tenant, Money limit, Money committed);

    /** Records of the router's group not yet consumed, summed over its partitions. */
    void consumerLag(long records);
}
