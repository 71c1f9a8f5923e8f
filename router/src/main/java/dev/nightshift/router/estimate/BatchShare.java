package dev.nightshift.router.estimate;

import dev.nightshift.core.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What a run with a deadline is expected to cost: its jobs that can wait priced at their providers' batch prices, the
 * rest at the synchronous ones — by the router's own rule, with each provider's expected batch turnaround.
 *
 * @param deadline  when the run's results are needed
 * @param batchJobs jobs that would go to provider batches
 * @param usd       the run's cost with those jobs at batch prices
 */
public record BatchShare(Instant deadline, long batchJobs, Money usd) {
    public BatchShare {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(usd, "usd");
    }
}
