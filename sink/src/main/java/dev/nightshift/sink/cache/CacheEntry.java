package dev.nightshift.sink.cache;

import dev.nightshift.core.job.ContentKeys;

/**
 * An artifact the sink has just stored in its cache, to announce on {@code nightshift.cache} once the batch
 * that stored it is durable.
 *
 * @param runId the run whose job produced the artifact
 * @param jobId that job
 */
public record CacheEntry(String contentKey, boolean simulated, String runId, String jobId) {
    /** The record key on {@code nightshift.cache}: content key and simulated-or-real. */
    public String topicKey() {
        return ContentKeys.entry(contentKey, simulated);
    }
}
