package dev.nightshift.router.kafka;

import dev.nightshift.core.cache.CacheAnnouncement;
import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.router.engine.CachedWork;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The artifact cache's entries, read whole from the compacted {@value CacheTopics#ARTIFACTS} topic outside any
 * group (every router needs every entry); before each batch the source also catches up to the current end offsets, so
 * an artifact the sink announced before a job was consumed is always seen. Holds keys only (about 50 bytes each).
 */
public final class CacheSource extends CompactedTopicSource implements CachedWork {
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

    private final String trustedStore;
    private final Set<String> entries = new HashSet<>();

    /** Trusts every entry: a cluster has one sink, whose entries are the only ones on the topic. */
    public CacheSource(String bootstrap) {
        this(bootstrap, null);
    }

    /**
     * @param trustedStore the sink store whose entries to serve ({@code null}: any); a router beside its sink in one
     *                     process knows it, and so never serves an artifact its sink cannot deliver — another
     *                     pipeline's on a shared broker, or one from before the store was reset
     */
    public CacheSource(String bootstrap, String trustedStore) {
        super(bootstrap, CacheTopics.ARTIFACTS, "nightshift-router-cache");
        this.trustedStore = trustedStore;
    }

    @Override
    public boolean has(String entry) {
        return entries.contains(entry);
    }

    /** Entries known. */
    @Override
    public int size() {
        return entries.size();
    }

    @Override
    String what() {
        return "the artifact cache";
    }

    /** An artifact the sink announced before a job was consumed must be seen before the job is routed. */
    @Override
    public void beforeBatch() {
        if (assigned()) {
            catchUp(CATCH_UP_TIMEOUT);
        }
    }

    @Override
    void accept(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            entries.remove(r.key()); // a tombstone: the artifact was evicted
        } else if (trusted(r.value())) {
            entries.add(r.key());
        }
    }

    private boolean trusted(byte[] value) {
        if (trustedStore == null) {
            return true;
        }
        try {
            return trustedStore.equals(CacheAnnouncement.decode(value).store());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
