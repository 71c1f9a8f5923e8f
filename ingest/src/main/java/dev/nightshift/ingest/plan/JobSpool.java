package dev.nightshift.ingest.plan;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Planned jobs, encoded, on disk until they are published. The run's plan must reach Kafka before its
 * jobs, and the plan lists every job id and the run's total tokens — known only once the whole snapshot
 * has been read. Spooling keeps each job's content out of memory meanwhile, so ingest's heap does not grow
 * with the repository; only the job ids are held.
 */
public final class JobSpool implements AutoCloseable {
    private final Path file;
    private final DataOutputStream out;
    private final List<String> jobIds = new ArrayList<>();
    private long inputTokens;
    private boolean sealed;

    public JobSpool(Path dir) {
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "jobs-", ".spool");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a job spool in " + dir + "; check that it is writable", e);
        }
    }

    public void add(Job job) {
        if (sealed) {
            throw new IllegalStateException("spool is sealed");
        }
        byte[] encoded = MessageCodec.JOB.encode(job);
        try {
            out.writeUTF(job.jobId());
            out.writeInt(encoded.length);
            out.write(encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job spool " + file, e);
        }
        jobIds.add(job.jobId());
        inputTokens += job.inputTokens();
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
            while (true) {
                String jobId;
                try {
                    jobId = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                byte[] encoded = new byte[in.readInt()];
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

    /** Receives one spooled job. */
    @FunctionalInterface
    public interface EncodedJobConsumer {
        void accept(String jobId, byte[] encodedJob);
    }
}
