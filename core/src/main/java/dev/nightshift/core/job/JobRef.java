package dev.nightshift.core.job;

import dev.nightshift.core.validation.TestTarget;
import java.util.Objects;

/**
 * Which job an event is about, carried by every event instead of copies of the job's fields: the run and the job, who
 * pays, the unit of work it covers, and what the sink keeps of the job itself — its key in the artifact cache and, for
 * a test job, where its test goes. The sink reads no job records: what it needs of a job arrives with the job's events.
 *
 * @param repository the repository's identity (a URL without credentials, or an absolute path)
 * @param commit     the full commit id the unit was read at
 * @param unitPath   path of the unit inside the repository, '/'-separated
 * @param language   the unit's language id, or {@code text}
 * @param simulated  true when the run is a dry run against the simulator
 * @param contentKey the job's artifact-cache key ({@link ContentKeys#of(Job)}); {@code null} only in a reference
 *                   built without its job
 * @param testTarget for a test job, where its test goes; {@code null} otherwise
 */
public record JobRef(
        String runId,
        String jobId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        String unitPath,
        String language,
        boolean simulated,
        String contentKey,
        TestTarget testTarget) {
    public JobRef {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        if (tenant == null || tenant.isBlank()) {
            tenant = "default";
        }
    }

    /** A reference without the job's cache key or test target: names the job, tells the sink nothing more. */
    public JobRef(
            String runId,
            String jobId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String unitPath,
            String language,
            boolean simulated) {
        this(runId, jobId, tenant, repository, commit, task, unitPath, language, simulated, null, null);
    }

    public static JobRef of(Job job) {
        return new JobRef(
                job.runId(),
                job.jobId(),
                job.tenant(),
                job.repository(),
                job.commit(),
                job.task(),
                job.unitPath(),
                job.language(),
                job.simulated(),
                ContentKeys.of(job),
                job.testTarget());
    }
}
