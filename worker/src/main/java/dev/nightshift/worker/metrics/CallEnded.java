package dev.nightshift.worker.metrics;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import java.time.Duration;
import java.util.Objects;

/**
 * One provider call that ended.
 *
 * @param model        the model's config key under its provider
 * @param failureClass null for a success
 * @param usage        what the provider billed ({@link Usage#NOT_REPORTED} when it said nothing)
 * @param cost         the usage at the model's configured price
 * @param baselineCost the usage at the baseline model's price; null when no baseline is configured
 * @param latency      request sent to response read
 */
public record CallEnded(
        String provider,
        String model,
        TaskType task,
        String tenant,
        Outcome outcome,
        FailureClass failureClass,
        Usage usage,
        Money cost,
        Money baselineCost,
        Duration latency) {
    public CallEnded {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? Usage.NOT_REPORTED : usage;
        cost = cost == null ? Money.ZERO : cost;
        Objects.requireNonNull(latency, "latency");
    }
}
