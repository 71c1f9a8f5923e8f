package dev.nightshift.core.cache;

/**
 * The artifact cache's topic. Compacted, keyed by {@link ContentKeys#entry}; the value is a small JSON
 * object {@code {"runId","jobId"}} naming the job whose artifact the sink stored. The value also names the sink store holding the artifact ({@value #STORE_FIELD}). The sink publishes an entry
 * once the artifact is durable in its store; the router reads the topic whole (no group) and serves a job
 * whose entry is present from the cache instead of a model (services talk to each other only through Kafka).
 */
public final class CacheTopics {
    /** Cached artifacts by content key; sink → router. */
    public static final String ARTIFACTS = "nightshift.cache";
    /** The field of an entry's value naming the sink store that holds the artifact. */
    public static final String STORE_FIELD = "store";

    private CacheTopics() {
    }
}
