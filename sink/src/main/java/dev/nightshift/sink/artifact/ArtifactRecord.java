package dev.nightshift.sink.artifact;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import java.time.Instant;

/**
 * What the sink knows about one job's artifact; the text itself is stored beside it.
 *
 * @param path       where the artifact goes relative to an output folder ({@code ArtifactPaths.forUnit})
 * @param cost       what the job cost in this run, every attempt included (0 when served from cache)
 * @param extraction how the text was taken from the reply (e.g. {@code fenced:java}, {@code whole-reply})
 * @param fromCache  true when an earlier run's artifact was reused
 */
public record ArtifactRecord(String runId, String jobId, String unitPath, String path, TaskType task,
                             String language, String model, int attempt, Money cost, boolean simulated,
                             String extraction, long bytes, String contentKey, boolean fromCache, Instant createdAt) {
}
