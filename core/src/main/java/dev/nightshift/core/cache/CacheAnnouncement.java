package dev.nightshift.core.cache;

import dev.nightshift.core.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The value of an entry on {@link CacheTopics#ARTIFACTS}: which job's artifact a sink stored, and which sink store
 * holds it (a router trusts only the store it was told to, so a second installation on the same broker cannot answer
 * its jobs). Written without a schema version: the topic is compacted and keeps entries of every earlier version,
 * which all had exactly these fields.
 *
 * @param store the id of the sink store holding the artifact; {@code null} in entries that predate it
 */
public record CacheAnnouncement(String runId, String jobId, String store) {
    public CacheAnnouncement {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
    }

    public byte[] encode() {
        try {
            return Json.mapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a cache announcement", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the value is not an announcement (not JSON, or without its job)
     */
    public static CacheAnnouncement decode(byte[] value) {
        try {
            return Json.mapper().readValue(value, CacheAnnouncement.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a cache announcement: " + e.getMessage(), e);
        }
    }
}
