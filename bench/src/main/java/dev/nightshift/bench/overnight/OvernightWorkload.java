package dev.nightshift.bench.overnight;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of {@code n} documentation and test jobs over synthetic Java classes, as ingest would publish them. Each pass
 * gets the same plan with its own mark in every unit, so the second pass is not answered from the first one's cache
 * (the units differ by one comment line; their token counts by a few).
 */
record OvernightWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/overnight-repository";

    static OvernightWorkload of(String runId, String mark, int n, Instant deadline) {
        String commit = JobIds.sha256Hex(runId).substring(0, 40);
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TaskType task = i % 2 == 0 ? TaskType.DOCS : TaskType.TESTS;
            String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
            String content = "// " + mark + "\n" + SyntheticJava.invoiceClass(i);
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
                    190,
                    512,
                    true));
        }
        RunPlanned plan = new RunPlanned(
                        runId,
                        "bench",
                        REPOSITORY,
                        commit,
                        TaskType.DOCS,
                        jobs.stream().map(Job::jobId).toList(),
                        190L * n,
                        List.of(),
                        true,
                        Instant.now(),
                        null)
                .withDeadline(deadline);
        return new OvernightWorkload(plan, jobs);
    }
}
