package dev.nightshift.sink.cache;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;

/**
 * The artifact cache's key: what the work is, not where or when it was asked for. DESIGN's job id also
 * hashes the commit, so a re-run on a new commit has new job ids even for files that did not change;
 * the cache therefore keys by (repository, task, unit path, content hash, prompt version) — an unchanged
 * file under the same prompts is the same work on any commit. The tenant is part of the key too, so that
 * one tenant is never served (or shown) another tenant's artifact.
 */
public final class ContentKey {
    private ContentKey() {
    }

    public static String of(String tenant, String repository, TaskType task, String unitPath, String contentHash,
                            String promptVersion) {
        return "ck-" + JobIds.sha256Hex(String.join("\u0000", tenant == null || tenant.isBlank() ? "default" : tenant, nz(repository), task == null ? "" : task.id(), nz(unitPath),
                nz(contentHash), nz(promptVersion))).substring(0, 40);
    }

    public static String of(Job job) {
        return of(job.tenant(), job.repository(), job.task(), job.unitPath(), job.contentHash(), job.promptVersion());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
