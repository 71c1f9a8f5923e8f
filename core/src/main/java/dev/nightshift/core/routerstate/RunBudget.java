package dev.nightshift.core.routerstate;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import java.util.Objects;

/**
 * A run's budget as the router keeps it: its limit ({@code null} for none), what its settled attempts cost, and the
 * one model an evaluation arm's jobs go to ({@code null} for an ordinary run). What its attempts hold is in their
 * jobs' records.
 */
public record RunBudget(String runId, String tenant, Money limit, Money spent, ModelRef evaluationModel)
        implements RouterState {
    public RunBudget {
        Objects.requireNonNull(runId, "runId");
        spent = spent == null ? Money.ZERO : spent;
    }

    @Override
    public String key() {
        return RouterState.runKey(runId);
    }
}
