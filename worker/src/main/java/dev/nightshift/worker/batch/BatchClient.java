package dev.nightshift.worker.batch;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's batch API. Every future fails with a {@code ProviderCallException} carrying a typed failure when the
 * provider refuses or cannot be reached; never with the key, a prompt or source text in its message.
 */
public interface BatchClient {
    /**
     * Submits one batch of requests to one model.
     *
     * @param batchId our id of the batch, left on it where the protocol allows so that {@link #find} can tell it
     * @return the provider's id of the batch
     */
    Future<String> submit(String batchId, String model, List<BatchEntry> entries);

    Future<BatchStatus> status(String providerId);

    /**
     * The outcome of every request of an ended batch, by custom id. A request the results do not mention is
     * {@link ItemOutcome.NotRun} when the batch expired or was cancelled, else failed.
     *
     * @param customIds the batch's custom ids in the order they were submitted
     */
    Future<Map<String, ItemOutcome>> results(BatchStatus ended, List<String> customIds);

    /** Asks the provider to cancel the batch; it ends once the requests under way finish. */
    Future<Void> cancel(String providerId);

    /** The provider's id of a batch submitted under {@code before.batchId()}, if the provider has one. */
    Future<Optional<String>> find(SubmittedBefore before);
}
