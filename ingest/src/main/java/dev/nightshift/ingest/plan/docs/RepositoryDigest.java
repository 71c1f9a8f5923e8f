package dev.nightshift.ingest.plan.docs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole repository as one text for the repository-level documentation job: every kept file under a
 * {@code ==> path <==} header, in path order. Spooled to disk as it grows, so memory holds one file at a
 * time until the end; then read back whole (when it fits the largest context window) or in parts.
 */
final class RepositoryDigest implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private final List<Long> segmentTokens = new ArrayList<>();
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
        this.segmentTokens.add(segmentTokens);
        tokens += segmentTokens;
    }

    long tokens() {
        return tokens;
    }

    int files() {
        return segmentTokens.size();
    }

    /** How many parts {@link #parts} will make for this budget. */
    int partCount(long budget) {
        int parts = 0;
        long partTokens = 0;
        for (long t : segmentTokens) {
            if (partTokens > 0 && partTokens + t > budget) {
                parts++;
                partTokens = 0;
            }
            partTokens += t;
        }
        return parts + 1;
    }

    /** The digest in consecutive parts of at most {@code budget} tokens each (one part when it all fits). */
    void parts(long budget, PartConsumer consumer) {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repository digest " + file, e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            StringBuilder part = new StringBuilder();
            long partTokens = 0;
            int index = 0;
            for (long t : segmentTokens) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                if (partTokens > 0 && partTokens + t > budget) {
                    consumer.accept(++index, part.toString(), partTokens);
                    part.setLength(0);
                    partTokens = 0;
                }
                part.append(new String(bytes, StandardCharsets.UTF_8));
                partTokens += t;
            }
            if (partTokens > 0 || index == 0) {
                consumer.accept(++index, part.toString(), partTokens);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository digest " + file, e);
        }
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
        void accept(int index, String text, long tokens);
    }
}
