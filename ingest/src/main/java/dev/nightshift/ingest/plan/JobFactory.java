package dev.nightshift.ingest.plan;

import dev.nightshift.core.config.JobsConfig;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.validation.TestTarget;

/**
 * Makes the jobs of one run: the same (repository, commit, task, unit path, content, prompt version)
 * always gives the same job id, so a re-submitted run maps to the same jobs.
 */
public final class JobFactory {
    private final RunRequest request;
    private final String repository;
    private final String commit;
    private final JobsConfig jobs;

    public JobFactory(RunRequest request, String repository, String commit, JobsConfig jobs) {
        this.request = request;
        this.repository = repository;
        this.commit = commit;
        this.jobs = jobs;
    }

    /**
     * @param unitPath the unit's path: a file path, or a file path with a {@code #unit} suffix, or a folder
     * @param content  the text the model gets (already secret-guarded)
     */
    public Job job(String unitPath, String language, String content) {
        return job(unitPath, language, content, TokenCounter.count(content));
    }

    /** As {@link #job(String, String, String)}, with the content's token count already known. */
    public Job job(String unitPath, String language, String content, long inputTokens) {
        return job(unitPath, language, content, inputTokens, JobIds.contentHash(content));
    }

    /**
     * As {@link #job(String, String, String, long)}, with the content's {@link JobIds#contentHash} already known
     * (hashed from the bytes it was decoded from: a 4 MB job need not be encoded again to be hashed).
     */
    public Job job(String unitPath, String language, String content, long inputTokens, String contentHash) {
        return job(unitPath, language, content, inputTokens, contentHash, null);
    }

    /**
     * A test job with where its test goes and what it must look like.
     *
     * @param target the test's target, or {@code null} when the repository's runner for this language is unknown
     */
    public Job job(String unitPath, String language, String content, TestTarget target) {
        return job(unitPath, language, content, TokenCounter.count(content), JobIds.contentHash(content), target);
    }

    /**
     * A documentation job: its level, where its document goes, what it must cover, and its output budget.
     *
     * @param contentHash what identifies the job's work (for a composite, the part of its input known now)
     */
    public Job docsJob(
            String unitPath,
            String language,
            String content,
            long inputTokens,
            String contentHash,
            DocsTarget docs,
            int maxOutputTokens) {
        String jobId = JobIds.jobId(repository, commit, request.task(), unitPath, contentHash, jobs.promptVersion());
        return new Job(
                jobId,
                request.runId(),
                request.tenant(),
                repository,
                commit,
                request.task(),
                unitPath,
                language,
                contentHash,
                jobs.promptVersion(),
                content,
                inputTokens,
                maxOutputTokens,
                request.simulated(),
                null,
                docs);
    }

    private Job job(
            String unitPath, String language, String content, long inputTokens, String contentHash, TestTarget target) {
        String jobId = JobIds.jobId(repository, commit, request.task(), unitPath, contentHash, jobs.promptVersion());
        return new Job(
                jobId,
                request.runId(),
                request.tenant(),
                repository,
                commit,
                request.task(),
                unitPath,
                language,
                contentHash,
                jobs.promptVersion(),
                content,
                inputTokens,
                jobs.maxOutputTokens(request.task()),
                request.simulated(),
                target);
    }

    /** The task's output budget from the config ({@code jobs.maxOutputTokens}). */
    public int maxOutputTokens() {
        return jobs.maxOutputTokens(request.task());
    }

    public dev.nightshift.core.job.TaskType task() {
        return request.task();
    }

    public String commit() {
        return commit;
    }

    public String repository() {
        return repository;
    }
}
