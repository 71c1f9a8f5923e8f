package dev.nightshift.sink.cache;

import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Read side of the artifact cache, for whoever decides whether a job needs a model at all (the router or
 * ingest, in-process or through {@code GET /cache}). A hit means: an earlier run produced an artifact
 * for the same work (see {@link ContentKeys}). To serve a job from the cache, publish on
 * {@code nightshift.results} a {@code ServedFromCache} event for it; its artifact may be left {@code null} — the
 * sink copies the cached text. The run then counts the job as served from cache.
 */
public final class ArtifactCache {
    private final SinkStore store;

    public ArtifactCache(SinkStore store) {
        this.store = store;
    }

    public Optional<CachedArtifact> lookup(String contentKey, boolean simulated) {
        return Optional.ofNullable(
                Stored.read(store.get(Cf.CACHE, StoreKeys.cacheMeta(contentKey, simulated)), CachedArtifact.class));
    }

    public Optional<CachedArtifact> lookup(Job job) {
        return lookup(ContentKeys.of(job), job.simulated());
    }

    /** A documentation artifact by what it documents (a test's key also holds its target: look it up by job). */
    public Optional<CachedArtifact> lookup(
            String tenant,
            TaskType task,
            String unitPath,
            String contentHash,
            String promptVersion,
            boolean simulated) {
        return lookup(ContentKeys.of(tenant, task, unitPath, contentHash, promptVersion, ""), simulated);
    }

    public Optional<String> text(String contentKey, boolean simulated) {
        byte[] text = store.get(Cf.CACHE, StoreKeys.cacheText(contentKey, simulated));
        return Optional.ofNullable(text).map(t -> new String(t, StandardCharsets.UTF_8));
    }
}
