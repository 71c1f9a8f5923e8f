package dev.nightshift.core.routerstate;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A run's budget as the router keeps it: its limit ({@code null} for none), what its settled attempts cost, the one
 * model an evaluation arm's jobs go to ({@code null} for an ordinary run), and when its results are needed
 * ({@code null}: no deadline, every call synchronous). What its attempts hold is in their jobs' records.
 */
public record RunBudget(
        String runId, String tenant, Money limit, Money spent, ModelRef evaluationModel, Instant deadline)
        implements RouterState {
    public RunBudget {
        Objects.requireNonNull(runId, "runId");
        spent = spent == null ? Money.ZERO : spent;
    }

    /** A run without a deadline. */
    public RunBudget(String runId, String tenant, Money limit, Money spent, ModelRef evaluationModel) {
        this(runId, tenant, limit, spent, evaluationModel, null);
    }

    /** The same run's state with its deadline ({@code null}: none). */
    public RunBudget withDeadline(Instant by) {
        return new RunBudget(runId, tenant, limit, spent, evaluationModel, by);
    }

    @Override
    public String key() {
        return RouterState.runKey(runId);
    }
}
