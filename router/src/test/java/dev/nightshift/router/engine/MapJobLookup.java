package dev.nightshift.router.engine;

import dev.nightshift.core.job.Job;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The in-memory {@link JobLookup} for engine tests: holds every job it was given until it is forgotten. */
final class MapJobLookup implements JobLookup {
    private final Map<String, Job> jobs = new HashMap<>();

    void put(Job job) {
        jobs.put(job.runId() + "/" + job.jobId(), job);
    }

    @Override
    public Optional<Job> find(String runId, String jobId) {
        return Optional.ofNullable(jobs.get(runId + "/" + jobId));
    }

    @Override
    public void forget(String runId, String jobId) {
        jobs.remove(runId + "/" + jobId);
    }

    int size() {
        return jobs.size();
    }
}
