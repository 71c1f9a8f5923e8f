package dev.nightshift.simulator.batch;

/** Runs one batch item through the synchronous reply path and bills it at the batch price. */
@FunctionalInterface
public interface ItemRunner {
    /**
     * @param fails the item was drawn, when its batch was created, to fail with the provider's server error
     * @return {@link ItemOutcome.Answered} or {@link ItemOutcome.Errored}
     */
    ItemOutcome run(String provider, BatchItem item, boolean fails);
}
