package dev.nightshift.core.job;

import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.validation.TestTarget;
import java.util.Objects;

/**
 * One unit of work planned by ingest: a task over one unit of a repository at one commit.
 *
 * @param jobId           derived from the unit (see {@link JobIds}), identical for identical work
 * @param runId           the run that planned it
 * @param tenant          who pays for it
 * @param repository      the repository's identity (a URL without credentials, or an absolute path)
 * @param commit          the full commit id the unit was read at
 * @param unitPath        path of the unit inside the repository, '/'-separated
 * @param language        the unit's language id (e.g. {@code java}), or {@code text}
 * @param contentHash     SHA-256 of the unit's content
 * @param promptVersion   version of the prompt templates; a new version means new jobs
 * @param content         the source text sent to the model (already secret-guarded)
 * @param inputTokens     estimated input tokens (o200k_base)
 * @param maxOutputTokens output budget for the call
 * @param simulated       true when the run is a dry run against the simulator
 * @param testTarget      for a test job, where its test goes and what it must look like; {@code null} otherwise
 * @param docs            for a documentation job, its level, where its document goes and what it must cover;
 *                        {@code null} for a test job (and for documentation planned before levels existed)
 */
public record Job(
        String jobId,
        String runId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        String unitPath,
        String language,
        String contentHash,
        String promptVersion,
        String content,
        long inputTokens,
        int maxOutputTokens,
        boolean simulated,
        TestTarget testTarget,
        DocsTarget docs) {
    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(unitPath, "unitPath");
        Objects.requireNonNull(content, "content");
        if (tenant == null || tenant.isBlank()) {
            tenant = "default";
        }
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens cannot be negative");
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be > 0");
        }
    }

    /** A job without a documentation target. */
    public Job(
            String jobId,
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String unitPath,
            String language,
            String contentHash,
            String promptVersion,
            String content,
            long inputTokens,
            int maxOutputTokens,
            boolean simulated,
            TestTarget testTarget) {
        this(
                jobId,
                runId,
                tenant,
                repository,
                commit,
                task,
                unitPath,
                language,
                contentHash,
                promptVersion,
                content,
                inputTokens,
                maxOutputTokens,
                simulated,
                testTarget,
                null);
    }

    /** A job without a test target (documentation, or a test job planned without the repository's conventions). */
    public Job(
            String jobId,
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String unitPath,
            String language,
            String contentHash,
            String promptVersion,
            String content,
            long inputTokens,
            int maxOutputTokens,
            boolean simulated) {
        this(
                jobId,
                runId,
                tenant,
                repository,
                commit,
                task,
                unitPath,
                language,
                contentHash,
                promptVersion,
                content,
                inputTokens,
                maxOutputTokens,
                simulated,
                null,
                null);
    }

    /** This job with its input composed from its children's documents (see {@link DocsTarget}). */
    public Job composed(String newContent, String newContentHash, long newInputTokens) {
        return new Job(
                jobId,
                runId,
                tenant,
                repository,
                commit,
                task,
                unitPath,
                language,
                newContentHash,
                promptVersion,
                newContent,
                newInputTokens,
                maxOutputTokens,
                simulated,
                testTarget,
                docs == null ? null : docs.composed());
    }

    /** Planned but not yet routable: a folder's or the repository's document waiting for its children's. */
    public boolean awaitingChildren() {
        return docs != null && docs.awaiting();
    }
}
