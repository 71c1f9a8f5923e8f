package dev.nightshift.ingest.plan;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.run.RunPlanned;
import java.util.ArrayList;
import java.util.List;

/** A run's plan and its spooled jobs, not yet published. Closing it deletes the spool. */
public record PlannedRun(RunPlanned plan, JobSpool jobs) implements AutoCloseable {

    /** Every job decoded into memory; for tests and small runs only. */
    public List<Job> decodeJobs() {
        List<Job> all = new ArrayList<>();
        jobs.replay((id, bytes) -> all.add(MessageCodec.JOB.decode(bytes)));
        return all;
    }

    @Override
    public void close() {
        jobs.close();
    }
}
