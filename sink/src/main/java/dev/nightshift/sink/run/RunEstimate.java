package dev.nightshift.sink.run;

import dev.nightshift.core.money.Money;
import java.util.Objects;

/**
 * What a run was expected to cost when it was planned, from its plan. Kept under a key of its own beside the
 * run's figures (not in {@link RunRecord}), so the run record and its binary codec stay as they are.
 */
public record RunEstimate(Money usd) {
    public RunEstimate {
        Objects.requireNonNull(usd, "usd");
    }
}
