package dev.nightshift.router.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    private static final int IN_FLIGHT = 40;

    /** A stream of jobs: worst case up to 1 cent, expected a third of it, actual anywhere up to the worst case. */
    private record Job(Money worst, Money expected, Money actual) {}

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

    /** How a run ended: what it spent, and the largest hold of a job the budget refused. */
    private record Outcome(Money spent, Money largestRefused) {}

    /**
     * Plays a run as the router does: up to {@code IN_FLIGHT} attempts hold money at once; a job told to wait asks
     * again after the next settlement; a refused job is dropped and the next one asked. Each settlement books the
     * oldest attempt in flight.
     */
    private static Outcome run(List<Job> jobs, boolean worstCase, List<Money> excess) {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.runLimit("r", LIMIT);
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < jobs.size(); i++) {
            queue.add(i);
        }
        Deque<Integer> inFlight = new ArrayDeque<>();
        Money largestRefused = Money.ZERO;
        while (!queue.isEmpty() || !inFlight.isEmpty()) {
            while (!queue.isEmpty() && inFlight.size() < IN_FLIGHT) {
                int i = queue.peek();
                Money hold = worstCase ? jobs.get(i).worst() : jobs.get(i).expected();
                Admission admission = ledger.admit(new AttemptKey("r", "j" + i, 1), "t", DAY, hold);
                if (admission instanceof Admission.Wait) {
                    break;
                }
                queue.poll();
                if (admission instanceof Admission.Refused) {
                    largestRefused = hold.exceeds(largestRefused) ? hold : largestRefused;
                    continue;
                }
                inFlight.add(i);
                Money over = jobs.get(i).actual().minus(hold);
                excess.add(over.isNegative() ? Money.ZERO : over);
            }
            Integer done = inFlight.poll();
            if (done == null) {
                break; // nothing in flight: every job left was admitted or refused
            }
            ledger.settle(
                    new AttemptKey("r", "j" + done, 1), "t", DAY, jobs.get(done).actual());
        }
        return new Outcome(ledger.runSpent("r"), largestRefused);
    }

    @Test
    void withWorstCaseHoldsSpendNeverExceedsTheLimit() {
        for (long seed = 0; seed < 40; seed++) {
            Outcome outcome = run(jobs(seed, 300), true, new ArrayList<>());

            assertThat(outcome.spent()).isLessThanOrEqualTo(LIMIT);
        }
    }

    @Test
    void withExpectedHoldsSpendExceedsTheLimitByAtMostWhatWasInFlightBeyondItsHolds() {
        boolean overspentOnce = false;
        for (long seed = 0; seed < 40; seed++) {
            List<Money> excess = new ArrayList<>();
            Money spent = run(jobs(seed, 300), false, excess).spent();
            Money bound = excess.stream().reduce(Money.ZERO, Money::plus);

            assertThat(spent).isLessThanOrEqualTo(LIMIT.plus(bound));
            overspentOnce |= spent.exceeds(LIMIT);
        }
        // the bound is not vacuous: expected holds do overspend
        assertThat(overspentOnce).isTrue();
    }

    @Test
    void theBudgetIsSpentToItsLimitNotStoppedAtTheFirstJobThatMustWait() {
        for (long seed = 0; seed < 40; seed++) {
            Outcome outcome = run(jobs(seed, 300), true, new ArrayList<>());

            // a job is refused only when what was spent leaves no room for it, so what is left at the end is less
            // than the largest refused job's hold: the run stopped at the limit, not short of it
            assertThat(outcome.largestRefused())
                    .as("the stream is larger than the budget")
                    .isGreaterThan(Money.ZERO);
            assertThat(outcome.spent().plus(outcome.largestRefused())).isGreaterThan(LIMIT);
        }
    }
}
