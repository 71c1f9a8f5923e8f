package dev.nightshift.bench.harness;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A run's jobs as ingest would make them: documentation and test jobs in turn over synthetic Java classes, every job
 * id distinct (the commit is made from the run id).
 */
public final class SyntheticJobs {
    private SyntheticJobs() {}

    /** The commit the jobs of {@code runId} are planned at. */
    public static String commit(String runId) {
        return JobIds.sha256Hex(runId).substring(0, 40);
    }

    /**
     * @param content      the source of unit {@code i}
     * @param inputTokens  each job's input tokens as planned
     * @param outputTokens each job's output budget
     */
    public static List<Job> docsAndTests(
            String runId,
            String tenant,
            String repository,
            int n,
            IntFunction<String> content,
            long inputTokens,
            int outputTokens) {
        String commit = commit(runId);
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TaskType task = i % 2 == 0 ? TaskType.DOCS : TaskType.TESTS;
            String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
            String source = content.apply(i);
            String hash = JobIds.contentHash(source);
            jobs.add(new Job(
                    JobIds.jobId(repository, commit, task, path, hash, "v1"),
                    runId,
                    tenant,
                    repository,
                    commit,
                    task,
                    path,
                    "java",
                    hash,
                    "v1",
                    source,
                    inputTokens,
                    outputTokens,
                    true));
        }
        return jobs;
    }
}
