package dev.nightshift.worker.batch;

import java.time.Instant;
import java.util.Set;

/**
 * What is known of a batch that may have been submitted before a crash, to find it at its provider.
 *
 * @param batchId     our id of the batch (in OpenAI's metadata, Gemini's display name, and every custom id)
 * @param collectedAt when it was written down, just before it was submitted: it cannot have been created earlier
 * @param size        how many requests it has
 * @param claimed     provider ids of the batches already known to be other batches of ours
 */
public record SubmittedBefore(String batchId, Instant collectedAt, int size, Set<String> claimed) {
    public SubmittedBefore {
        claimed = Set.copyOf(claimed);
    }
}
