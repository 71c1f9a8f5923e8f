package dev.nightshift.router.engine;

import dev.nightshift.core.job.Job;
import java.util.Optional;

/**
 * Finds a job the router routed earlier, to send it on after a failure ({@code nightshift.retry} carries
 * the failed attempt, not the job). Implementations are called on the router loop's thread only.
 */
public interface JobLookup {
    Optional<Job> find(String runId, String jobId);

    /** The job has ended; it will not be looked up again. */
    void forget(String runId, String jobId);
}
