package dev.nightshift.bench.dispatch;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated run of {@code n} small documentation and test jobs, as ingest would publish them: a Java
 * method of a few hundred tokens each, every job id distinct (the commit is unique to the run).
 */
record DispatchWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/dispatch-repository";

    static DispatchWorkload of(String runId, int n) {
        String commit = JobIds.sha256Hex(runId).substring(0, 40);
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TaskType task = i % 2 == 0 ? TaskType.DOCS : TaskType.TESTS;
            String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
            String content = SyntheticJava.invoiceClass(i);
            String hash = JobIds.contentHash(content);
            jobs.add(new Job(
                    JobIds.jobId(REPOSITORY, commit, task, path, hash, "v1"),
                    runId,
                    "bench",
                    REPOSITORY,
                    commit,
                    task,
                    path,
                    "java",
                    hash,
                    "v1",
                    content,
                    180,
                    256,
                    true));
        }
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
