package dev.nightshift.router.engine;

import dev.nightshift.core.job.Job;

/** How the engine's bookkeeping names a job: "runId/jobId" (a job id is unique within its run only). */
final class JobKey {
    private JobKey() {}

    static String of(String runId, String jobId) {
        return runId + "/" + jobId;
    }

    static String of(Job job) {
        return of(job.runId(), job.jobId());
    }
}
