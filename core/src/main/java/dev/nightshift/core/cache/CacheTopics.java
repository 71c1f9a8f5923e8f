package dev.nightshift.core.cache;

/**
 * The artifact cache's topic. Compacted, keyed by {@link dev.nightshift.core.job.ContentKeys#entry}; the value is a
 * {@link CacheAnnouncement} naming the job whose artifact the sink stored and the store holding it. The sink publishes an entry
 * once the artifact is durable in its store; the router reads the topic whole (no group) and serves a job
 * whose entry is present from the cache instead of a model (services talk to each other only through Kafka).
 */
public final class CacheTopics {
    /** Cached artifacts by content key; sink → router. */
    public static final String ARTIFACTS = "nightshift.cache";

    private CacheTopics() {}
}
