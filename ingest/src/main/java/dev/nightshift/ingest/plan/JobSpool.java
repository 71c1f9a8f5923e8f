package dev.nightshift.ingest.plan;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Planned jobs, encoded, on disk until they are published. The run's plan must reach Kafka before its
 * jobs, and the plan lists every job id and the run's total tokens — known only once the whole snapshot
 * has been read. Spooling keeps each job's content out of memory meanwhile, so ingest's heap does not grow
 * with the repository; only the job ids and each job's encoded length are held. Jobs are encoded straight
 * into the file, so a million-token job is never also held as a 4 MB array while planning.
 */
public final class JobSpool implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private final Counting counted;
    private final List<String> jobIds = new ArrayList<>();
    /** The folders' and the repository's documents planned awaiting their children's: a few per run. */
    private final Set<String> awaitingChildren = new HashSet<>();

    private int[] lengths = new int[1024];
    private long inputTokens;
    private boolean sealed;

    public JobSpool(Path dir) {
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "jobs-", ".spool");
            this.counted = new Counting(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            this.out = new DataOutputStream(counted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a job spool in " + dir + "; check that it is writable", e);
        }
    }

    public void add(Job job) {
        if (sealed) {
            throw new IllegalStateException("spool is sealed");
        }
        try {
            out.writeUTF(job.jobId());
            long before = counted.bytes;
            MessageCodec.JOB.encode(job, out);
            if (jobIds.size() == lengths.length) {
                lengths = Arrays.copyOf(lengths, lengths.length * 2);
            }
            lengths[jobIds.size()] = Math.toIntExact(counted.bytes - before);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job spool " + file, e);
        }
        jobIds.add(job.jobId());
        if (job.awaitingChildren()) {
            awaitingChildren.add(job.jobId());
        }
        inputTokens += job.inputTokens();
    }

    /** True when the job, as planned, waits for its children's documents (see {@link Job#awaitingChildren()}). */
    public boolean awaitingChildren(String jobId) {
        return awaitingChildren.contains(jobId);
    }

    public List<String> jobIds() {
        return List.copyOf(jobIds);
    }

    public int size() {
        return jobIds.size();
    }

    public long inputTokens() {
        return inputTokens;
    }

    /** Reads the jobs back in the order they were added: each as (job id, encoded {@link Job}). */
    public void replay(EncodedJobConsumer consumer) {
        seal();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (int i = 0; i < jobIds.size(); i++) {
                String jobId = in.readUTF();
                byte[] encoded = new byte[lengths[i]];
                in.readFully(encoded);
                consumer.accept(jobId, encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job spool " + file, e);
        }
    }

    private void seal() {
        if (!sealed) {
            sealed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the job spool " + file, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            seal();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover spool file in the cache folder is harmless and named as such.
            }
        }
    }

    /** Counts what goes through, past 2 GB too (DataOutputStream's own count stops there). */
    private static final class Counting extends FilterOutputStream {
        long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }

    /** Receives one spooled job. */
    @FunctionalInterface
    public interface EncodedJobConsumer {
        void accept(String jobId, byte[] encodedJob);
    }
}
