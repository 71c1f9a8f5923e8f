package dev.nightshift.worker.support;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;

/** Jobs and lane requests for tests. */
public final class TestJobs {
    private TestJobs() {}

    public static Job job(String runId, String unitPath, TaskType task) {
        String content =
                "package demo;\n\npublic final class Adder {\n    public int add(int a, int b) { return a + b; }\n}\n";
        String hash = JobIds.contentHash(content);
        return new Job(
                JobIds.jobId("/repo/" + runId, "c0ffee", task, unitPath, hash, "1"),
                runId,
                "acme",
                "/repo/" + runId,
                "c0ffee",
                task,
                unitPath,
                "java",
                hash,
                "1",
                content,
                40,
                task == TaskType.DOCS ? 2048 : 4096,
                true);
    }

    public static LaneRequest lane(String provider, Job job) {
        return new LaneRequest(job, new ModelRef(provider, TestConfigs.MODEL), "test rule", 1);
    }

    /** The job with other source (a prompt the simulator's faults recognise) and a small input. */
    public static Job withContent(Job j, String content) {
        return new Job(
                j.jobId(),
                j.runId(),
                j.tenant(),
                j.repository(),
                j.commit(),
                j.task(),
                j.unitPath(),
                j.language(),
                j.contentHash(),
                j.promptVersion(),
                content,
                20,
                j.maxOutputTokens(),
                j.simulated());
    }
}
