package dev.nightshift.router;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;

/** Planned jobs for tests, as ingest would publish them. */
public final class Jobs {
    private Jobs() {}

    public static Job job(String runId, String unitPath, TaskType task, long inputTokens) {
        return job(runId, unitPath, task, "java", "class A {}", inputTokens, task == TaskType.DOCS ? 2048 : 4096);
    }

    public static Job job(
            String runId,
            String unitPath,
            TaskType task,
            String language,
            String content,
            long inputTokens,
            int maxOutputTokens) {
        String hash = JobIds.contentHash(content + inputTokens);
        String jobId = JobIds.jobId("/repo/" + runId, "c0ffee", task, unitPath, hash, "1");
        return new Job(
                jobId,
                runId,
                "acme",
                "/repo/" + runId,
                "c0ffee",
                task,
                unitPath,
                language,
                hash,
                "1",
                content,
                inputTokens,
                maxOutputTokens,
                true);
    }
}
