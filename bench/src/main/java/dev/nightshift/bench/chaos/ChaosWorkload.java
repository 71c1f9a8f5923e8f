package dev.nightshift.bench.chaos;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One run of {@code n} documentation jobs of small Java classes, as ingest would publish it; ids unique to the run. */
record ChaosWorkload(RunPlanned plan, List<Job> jobs) {
    private static final String REPOSITORY = "/bench/chaos-repository";

    static ChaosWorkload of(String runId, int n) {
        String commit = JobIds.sha256Hex(runId).substring(0, 40);
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
            String content = SyntheticJava.invoiceClass(i) + "\n// " + runId + "\n";
            String hash = JobIds.contentHash(content);
            jobs.add(new Job(JobIds.jobId(REPOSITORY, commit, TaskType.DOCS, path, hash, "v1"), runId, "bench", REPOSITORY,
                    commit, TaskType.DOCS, path, "java", hash, "v1", content, 200, 400, false));
        }
        RunPlanned plan = new RunPlanned(runId, "bench", REPOSITORY, commit, TaskType.DOCS, jobs.stream().map(Job::jobId).toList(),
                200L * n, List.of(), false, Instant.now(), null);
        return new ChaosWorkload(plan, jobs);
    }
}
