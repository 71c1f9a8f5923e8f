package dev.nightshift.core.attempt;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * One call to a provider and what came of it: the unit of the cost ledger. Published by workers to
 * {@code nightshift.results}; the sink stores it idempotently under (runId, jobId, attempt).
 *
 * @param terminal     true when this attempt ends the job (success, or a failure nobody will retry)
 * @param artifact     the model's reply text on success, otherwise {@code null}
 * @param cost         exact cost of the usage at {@code priceTableVersion}'s prices; billed failures cost too
 */
public record AttemptResult(String runId, String jobId, int attempt, String tenant, String repository,
                            String commit, TaskType task, String unitPath, String language, String provider,
                            String model, String routingReason, Outcome outcome, FailureClass failureClass,
                            String failureReason, Usage usage, Money cost, String priceTableVersion,
                            long latencyMs, Instant startedAt, Instant finishedAt, String finishReason,
                            String artifact, boolean simulated, boolean terminal) {
    public AttemptResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(outcome, "outcome");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
        usage = usage == null ? Usage.NOT_REPORTED : usage;
        cost = cost == null ? Money.ZERO : cost;
        if (outcome == Outcome.FAILED && failureClass == null) {
            throw new IllegalArgumentException("a failed attempt needs a failure class");
        }
    }
}
