package dev.nightshift.ingest.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A regular file of the snapshot, not yet loaded: its content stays where it is (the object database, or the
 * working tree) until asked for, so that large or binary files are judged by size and by a prefix without
 * being read whole.
 *
 * @param path   '/'-separated path inside the repository
 * @param blobId the blob's id in the object database, or {@code null} for a working-tree file
 * @param size   the content's size in bytes
 */
public record SnapshotFile(String path, ObjectId blobId, long size, Content content) {

    /** Where a file's bytes are read from. */
    public interface Content {
        /** At most {@code max} bytes from the start. */
        byte[] prefix(int max);

        /** The whole content; callers check {@link SnapshotFile#size()} first. */
        byte[] bytes();
    }

    /** A blob of the object database, read through the walking thread's reader. */
    public static SnapshotFile ofBlob(String path, ObjectId blobId, long size, ObjectReader reader) {
        return new SnapshotFile(path, blobId, size, new Content() {
            @Override
            public byte[] prefix(int max) {
                try (InputStream in = reader.open(blobId, Constants.OBJ_BLOB).openStream()) {
                    return in.readNBytes(max);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read blob of " + path, e);
                }
            }

            @Override
            public byte[] bytes() {
                try {
                    return reader.open(blobId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read blob of " + path, e);
                }
            }
        });
    }

    /**
     * A file of the working tree. At most {@code size} bytes are read (the size seen when it was listed), so a
     * file growing meanwhile cannot blow the memory bound; a symbolic link put in its place is not followed, and
     * anything else than a regular file put in its place (a named pipe would block) is not opened.
     */
    public static SnapshotFile ofWorkingFile(String path, Path file, long size) {
        return new SnapshotFile(path, null, size, new Content() {
            @Override
            public byte[] prefix(int max) {
                return read((int) Math.min(max, size));
            }

            @Override
            public byte[] bytes() {
                return read((int) Math.min(Integer.MAX_VALUE - 8, size));
            }

            private byte[] read(int max) {
                // Checked again before opening: a named pipe put in the file's place since it was listed would block.
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UncheckedIOException(new IOException("the working-tree file " + path
                            + " is no longer a regular file (it was replaced while the run was being planned);"
                            + " leave the working tree alone until the run is planned and submit it again"));
                }
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    return in.readNBytes(max);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the working-tree file " + path, e);
                }
            }
        });
    }

    /** At most {@code max} bytes from the start of the file. */
    public byte[] prefix(int max) {
        return content.prefix(max);
    }

    /** The whole file; callers check {@link #size()} first. */
    public byte[] bytes() {
        return content.bytes();
    }
}
