package dev.nightshift.sink.query;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.sink.run.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's status as {@code GET /runs/{runId}} shows it; the CLI polls it for progress, so the field
 * names are a contract (docs/CONTRACTS.md and the sink README).
 */
public record RunStatus(String runId, RunState state, String tenant, String repository, String commit, TaskType task,
                        boolean simulated, Jobs jobs, Tokens tokens, Cost cost, List<SkippedFile> skipped,
                        long servedFromCache, Progress progress, Budget budget) {

    public record Jobs(long total, long succeeded, long failed, long deadLettered, long cancelled, long pending) {
    }

    public record Tokens(long uncachedInput, long cacheReadInput, long cacheWriteInput, long output) {
    }

    /** Amounts are exact decimal strings; {@code byModel} is keyed by {@code provider/model}. */
    public record Cost(Money usd, Map<String, Money> byModel) {
    }

    /** The run's budget and what is left of it after the cost so far; absent for a run without one. */
    public record Budget(Money maxUsd, Money remainingUsd) {
    }

    /**
     * @param attempts      ledger entries so far (failed attempts included)
     * @param jobsPerMinute terminal jobs per minute since the first result, 0 before
     * @param etaSeconds    pending jobs at that pace; absent when unknown
     */
    public record Progress(long attempts, Instant plannedAt, Instant firstResultAt, Instant lastResultAt,
                           Instant completedAt, String jobsPerMinute, Long etaSeconds) {
    }
}
