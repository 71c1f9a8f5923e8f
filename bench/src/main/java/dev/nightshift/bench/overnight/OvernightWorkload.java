package dev.nightshift.bench.overnight;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.bench.harness.SyntheticJobs;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;
import java.util.List;

/**
 * One run of {@code n} documentation and test jobs over synthetic Java classes, as ingest would publish them. Each pass
 * gets the same plan with its own mark in every unit, so the second pass is not answered from the first one's cache
 * (the units differ by one comment line; their token counts by a few).
 */
record OvernightWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/overnight-repository";

    static OvernightWorkload of(String runId, String mark, int n, Instant deadline) {
        List<Job> jobs = SyntheticJobs.docsAndTests(
                runId, "bench", REPOSITORY, n, i -> "// " + mark + "\n" + SyntheticJava.invoiceClass(i), 190, 512);
        String commit = SyntheticJobs.commit(runId);
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
