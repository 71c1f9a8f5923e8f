package dev.nightshift.core.job;

import dev.nightshift.core.validation.TestTarget;

/**
 * The artifact cache's key: what the work is, not where or when it was asked for. A job id also hashes the
 * repository and commit, so a re-run on a new commit, or the same commit cloned to another path, has new job ids
 * even for files that did not change; the cache therefore keys by (tenant, task, unit path, content hash, prompt
 * version, and for a test where it goes and how it imports) — the same content under the same prompts is the same
 * work wherever the repository was cloned from. The tenant is part of the key so that one tenant is never served
 * another's artifact. Simulated artifacts are never served to real runs, so what is published on
 * {@code nightshift.cache} adds whether the artifact was simulated ({@link #entry}). It lives with the jobs because a
 * job's key travels with it: every event's {@link JobRef} carries it, which is how the sink learns it.
 */
public final class ContentKeys {
    private static final String SIMULATED = ":sim";
    private static final String REAL = ":real";

    private ContentKeys() {}

    /** The content key ({@code ck-} and 40 hex digits); the sink's cache stores under it, apart for simulated and real. */
    public static String of(
            String tenant,
            TaskType task,
            String unitPath,
            String contentHash,
            String promptVersion,
            String targetShape) {
        return "ck-"
                + JobIds.sha256Hex(String.join(
                                "\u0000",
                                tenant == null || tenant.isBlank() ? "default" : tenant,
                                task == null ? "" : task.id(),
                                nz(unitPath),
                                nz(contentHash),
                                nz(promptVersion),
                                nz(targetShape)))
                        .substring(0, 40);
    }

    public static String of(Job job) {
        return of(
                job.tenant(),
                job.task(),
                job.unitPath(),
                job.contentHash(),
                job.promptVersion(),
                targetShape(job.testTarget()));
    }

    /** What of a test's target shapes the test: its file, name, framework and imports (not its coverage figures). */
    private static String targetShape(TestTarget target) {
        return target == null
                ? ""
                : String.join(
                        "\u0000",
                        nz(target.path()),
                        nz(target.name()),
                        target.framework() == null ? "" : target.framework().id(),
                        nz(target.imports()));
    }

    /** The key of a cached artifact on {@code nightshift.cache}: the content key and simulated-or-real. */
    public static String entry(String contentKey, boolean simulated) {
        return contentKey + (simulated ? SIMULATED : REAL);
    }

    /** The cache entry a job would be served from: {@code entry(of(job), job.simulated())}. */
    public static String entry(Job job) {
        return entry(of(job), job.simulated());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
