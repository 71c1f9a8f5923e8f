package dev.nightshift.sink.cache;

import dev.nightshift.core.cache.ContentKeys;
import dev.nightshift.core.job.Job;

/**
 * The artifact cache's key, as core's {@link ContentKeys} computes it (the router computes the same key to
 * decide whether a job is served from the cache). Kept so the sink's callers read naturally.
 */
public final class ContentKey {
    private ContentKey() {}

    public static String of(Job job) {
        return ContentKeys.of(job);
    }
}
