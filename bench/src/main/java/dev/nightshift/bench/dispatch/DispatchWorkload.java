package dev.nightshift.bench.dispatch;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.bench.harness.SyntheticJobs;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;
import java.util.List;

/**
 * One simulated run of {@code n} small documentation and test jobs, as ingest would publish them: a Java
 * method of a few hundred tokens each, every job id distinct (the commit is unique to the run).
 */
record DispatchWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/dispatch-repository";

    static DispatchWorkload of(String runId, int n) {
        List<Job> jobs =
                SyntheticJobs.docsAndTests(runId, "bench", REPOSITORY, n, SyntheticJava::invoiceClass, 180, 256);
        String commit = SyntheticJobs.commit(runId);
        RunPlanned plan = new RunPlanned(
                runId,
                "bench",
                REPOSITORY,
                commit,
                TaskType.DOCS,
                jobs.stream().map(Job::jobId).toList(),
                180L * n,
                List.of(),
                true,
                Instant.now(),
                null);
        return new DispatchWorkload(plan, jobs);
    }
}
