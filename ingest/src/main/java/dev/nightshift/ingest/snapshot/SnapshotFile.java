package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A regular file of the snapshot, not yet loaded: its content stays in the object database until asked
 * for, so that large or binary blobs are judged by size and by a prefix without being read whole.
 *
 * @param path '/'-separated path inside the repository
 * @param size the blob's size in bytes
 */
public record SnapshotFile(String path, ObjectId blobId, long size, ObjectReader reader) {

    /** At most {@code max} bytes from the start of the blob. */
    public byte[] prefix(int max) {
        try (InputStream in = reader.open(blobId, Constants.OBJ_BLOB).openStream()) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob of " + path, e);
        }
    }

    /** The whole blob; callers check {@link #size()} first. */
    public byte[] bytes() {
        try {
            return reader.open(blobId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob of " + path, e);
        }
    }
}
