package dev.nightshift.router.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stated bound: spend ≤ limit + Σ over admitted attempts of max(0, actual − held). With worst-case holds,
 * where no call can cost more than its hold, spend never exceeds the limit; with expected holds it exceeds it
 * by at most what the attempts in flight cost beyond their holds.
 */
class OverspendBoundTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Money LIMIT = Money.usd("0.50");

    /** A stream of jobs: worst case up to 1 cent, expected a third of it, actual anywhere up to the worst case. */
    private record Job(Money worst, Money expected, Money actual) {
    }

    private static List<Job> jobs(long seed, int n) {
        Random random = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Money worst = Money.ofNanos(1_000_000L + random.nextInt(9_000_000));
            Money actual = worst.times(BigDecimal.valueOf(random.nextInt(101), 2));
            jobs.add(new Job(worst, worst.times(new BigDecimal("0.33")), actual));
        }
        return jobs;
    }

    /** Admits every job it can (all at once, as a router does before results come back), then settles them all. */
    private static Money run(List<Job> jobs, boolean worstCase, List<Money> excess) {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.runLimit("r", LIMIT);
        List<Integer> admitted = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Money hold = worstCase ? jobs.get(i).worst() : jobs.get(i).expected();
            if (ledger.tryReserve(new AttemptKey("r", "j" + i, 1), "t", DAY, hold).isEmpty()) {
                admitted.add(i);
                Money over = jobs.get(i).actual().minus(hold);
                excess.add(over.isNegative() ? Money.ZERO : over);
            }
        }
        for (int i : admitted) {
            ledger.settle(new AttemptKey("r", "j" + i, 1), "t", DAY, jobs.get(i).actual());
        }
        return ledger.runSpent("r");
    }

    @Test
    void withWorstCaseHoldsSpendNeverExceedsTheLimit() {
        for (long seed = 0; seed < 40; seed++) {
            Money spent = run(jobs(seed, 300), true, new ArrayList<>());

            assertThat(spent).isLessThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void withExpectedHoldsSpendExceedsTheLimitByAtMostWhatWasInFlightBeyondItsHolds() {
        boolean overspentOnce = false;
        for (long seed = 0; seed < 40; seed++) {
            List<Money> excess = new ArrayList<>();
            Money spent = run(jobs(seed, 300), false, excess);
            Money bound = excess.stream().reduce(Money.ZERO, Money::plus);

            assertThat(spent).isLessThanOrEqualTo(LIMIT.plus(bound));
            overspentOnce |= spent.exceeds(LIMIT);
        }
        // the bound is not vacuous: expected holds do overspend
        assertThat(overspentOnce).isTrue();
    }
}
