package dev.nightshift.sink.cache;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import java.time.Instant;

/**
 * An artifact kept for reuse: which run and job made it, with which model, what it cost then, and whether
 * it was simulated (a simulated artifact is only ever served to simulated runs).
 */
public record CachedArtifact(
        String contentKey,
        String runId,
        String jobId,
        String unitPath,
        String path,
        TaskType task,
        String language,
        String model,
        Money cost,
        boolean simulated,
        long bytes,
        Instant cachedAt) {}
