package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.job.JobIds;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole repository as one text for the repository-level documentation job: every kept file under a
 * {@code ==> path <==} header, in path order. Spooled to disk as it grows, so memory holds one file at a
 * time until the end; then read back whole (when it fits the largest context window) or in parts.
 */
final class RepositoryDigest implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    // Per segment, primitive and growable: two longs a file, not a boxed list.
    private long[] segmentTokens = new long[1024];
    private int[] segmentBytes = new int[1024];
    private int files;
    private long tokens;

    RepositoryDigest(Path dir) {
        try {
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "digest-", ".spool");
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository digest in " + dir, e);
        }
    }

    static String segment(String path, String text) {
        return "==> " + path + " <==\n" + text + (text.endsWith("\n") ? "" : "\n") + "\n";
    }

    /** @param segmentTokens the tokens of {@link #segment}, counted by the caller */
    void add(String segment, long segmentTokens) {
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        try {
            out.writeInt(bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repository digest " + file, e);
        }
        if (files == this.segmentTokens.length) {
            this.segmentTokens = Arrays.copyOf(this.segmentTokens, files * 2);
            segmentBytes = Arrays.copyOf(segmentBytes, files * 2);
        }
        this.segmentTokens[files] = segmentTokens;
        segmentBytes[files] = bytes.length;
        files++;
        tokens += segmentTokens;
    }

    long tokens() {
        return tokens;
    }

    int files() {
        return files;
    }

    /** The segment after the last one of the part starting at {@code first}. */
    private int partEnd(int first, long budget) {
        long partTokens = 0;
        int i = first;
        while (i < files && (partTokens == 0 || partTokens + segmentTokens[i] <= budget)) {
            partTokens += segmentTokens[i++];
        }
        return i;
    }

    /**
     * The digest in consecutive parts of at most {@code budget} tokens each (one part when it all fits). Each
     * part is read into one array of its exact size, hashed and decoded once: a million-token part costs its
     * text twice (bytes, then the string), never a growing builder's copies.
     */
    void parts(long budget, PartConsumer consumer) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repository digest " + file, e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int index = 0;
            for (int first = 0; first < files || index == 0; ) {
                int end = partEnd(first, budget);
                long partTokens = 0;
                for (int i = first; i < end; i++) {
                    partTokens += segmentTokens[i];
                }
                String[] hash = new String[1];
                String text = readPart(in, first, end, hash);
                consumer.accept(++index, text, partTokens, hash[0]);
                first = end;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository digest " + file, e);
        }
    }

    /** Segments {@code [first, end)} as one text; its bytes, hashed on the way, are garbage on return. */
    private String readPart(DataInputStream in, int first, int end, String[] hash) throws IOException {
        long partBytes = 0;
        for (int i = first; i < end; i++) {
            partBytes += segmentBytes[i];
        }
        byte[] text = new byte[Math.toIntExact(partBytes)];
        int at = 0;
        for (int i = first; i < end; i++) {
            int length = in.readInt();
            in.readFully(text, at, length);
            at += length;
        }
        hash[0] = JobIds.sha256Hex(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover digest spool is harmless.
        }
    }

    @FunctionalInterface
    interface PartConsumer {
        /** @param contentHash the text's {@link JobIds#contentHash}, computed from the bytes it was read from */
        void accept(int index, String text, long tokens, String contentHash);
    }
}
