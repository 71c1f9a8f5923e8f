package dev.nightshift.simulator.batch;

/** Runs one batch item through the synchronous reply path and bills it at the batch price. */
@FunctionalInterface
public interface ItemRunner {
    /**
     * @param batchId the batch, with the item's key seeding its failure draw
     * @return {@link ItemOutcome.Answered} or {@link ItemOutcome.Errored}
     */
    ItemOutcome run(String provider, String batchId, BatchItem item);
}
