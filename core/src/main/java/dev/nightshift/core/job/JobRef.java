package dev.nightshift.core.job;

import java.util.Objects;

/**
 * Which job an event is about, carried by every event instead of copies of the job's fields: the run and the job, who
 * pays, and the unit of work it covers.
 *
 * @param repository the repository's identity (a URL without credentials, or an absolute path)
 * @param commit     the full commit id the unit was read at
 * @param unitPath   path of the unit inside the repository, '/'-separated
 * @param language   the unit's language id, or {@code text}
 * @param simulated  true when the run is a dry run against the simulator
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
        boolean simulated) {
    public JobRef {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        if (tenant == null || tenant.isBlank()) {
            tenant = "default";
        }
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
                job.simulated());
    }
}
