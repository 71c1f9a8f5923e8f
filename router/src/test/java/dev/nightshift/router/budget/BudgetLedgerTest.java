package dev.nightshift.router.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    private static AttemptKey key(String run, int n) {
        return new AttemptKey(run, "j" + n, 1);
    }

    @Test
    void admitsAttemptsWhileSpentPlusHeldStaysWithinTheLimit() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.runLimit("r", Money.usd("1.00"));

        assertThat(ledger.tryReserve(key("r", 1), "t", DAY, Money.usd("0.60"))).isEmpty();
        assertThat(ledger.tryReserve(key("r", 2), "t", DAY, Money.usd("0.40"))).isEmpty();
        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("1.00"));
    }

    @Test
    void refusesTheAttemptThatWouldTakeTheRunOverItsLimitAndStopsTheRun() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.runLimit("r", Money.usd("1.00"));
        ledger.tryReserve(key("r", 1), "t", DAY, Money.usd("0.60"));

        assertThat(ledger.tryReserve(key("r", 2), "t", DAY, Money.usd("0.50")))
                .get().asString().contains("run r has $0.40 left of $1.00");
        // a smaller job after the refusal is cancelled too: the run stopped routing
        assertThat(ledger.tryReserve(key("r", 3), "t", DAY, Money.usd("0.01"))).get().asString().contains("stopped");
    }

    @Test
    void releasingAStoppedJobsHoldsFreesTheBudgetsAndALateAnswerIsStillBookedOnce() {
        BudgetLedger ledger = new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("1.00"), Map.of()));
        AttemptKey first = new AttemptKey("r", "j1", 1);
        AttemptKey second = new AttemptKey("r", "j1", 2);
        ledger.tryReserve(first, "t", DAY, Money.usd("0.30"));
        ledger.tryReserve(second, "t", DAY, Money.usd("0.30"));
        ledger.tryReserve(key("r", 2), "t", DAY, Money.usd("0.40"));

        ledger.release("r", "j1");

        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("0.40"));
        assertThat(ledger.tenantHeld("t", DAY)).isEqualTo(Money.usd("0.40"));
        assertThat(ledger.runSpent("r")).isEqualTo(Money.ZERO);
        assertThat(ledger.inFlight()).containsExactly(key("r", 2));
        assertThat(ledger.tryReserve(key("r", 3), "t", DAY, Money.usd("0.60"))).as("the tenant's day has room again").isEmpty();

        ledger.settle(first, "t", DAY, Money.usd("0.05"));
        ledger.settle(first, "t", DAY, Money.usd("0.05"));

        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.05"));
        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("1.00"));
    }

    @Test
    void settlingReleasesTheHoldAndBooksTheActualCost() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.tryReserve(key("r", 1), "t", DAY, Money.usd("0.60"));

        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.25"));

        assertThat(ledger.runHeld("r")).isEqualTo(Money.ZERO);
        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.25"));
        assertThat(ledger.tenantSpent("t", DAY)).isEqualTo(Money.usd("0.25"));
        assertThat(ledger.tenantHeld("t", DAY)).isEqualTo(Money.ZERO);
    }

    @Test
    void aRedeliveredSettlementIsBookedOnce() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.tryReserve(key("r", 1), "t", DAY, Money.usd("0.60"));

        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.25"));
        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.25"));

        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.25"));
    }

    @Test
    void booksTheCostOfAnAttemptItNeverHeld() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);

        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.10"));

        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.10"));
        assertThat(ledger.tenantSpent("t", DAY)).isEqualTo(Money.usd("0.10"));
    }

    @Test
    void aTenantsDailyBudgetIsPerUtcDay() {
        BudgetLedger ledger = new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, null,
                Map.of("t", Money.usd("1.00"))));
        ledger.tryReserve(key("a", 1), "t", DAY, Money.usd("0.90"));

        assertThat(ledger.tryReserve(key("b", 1), "t", DAY, Money.usd("0.20"))).isPresent();
        assertThat(ledger.tryReserve(key("b", 2), "t", DAY.plusDays(1), Money.usd("0.20"))).isEmpty();
        // another tenant has its own budget (none)
        assertThat(ledger.tryReserve(key("c", 1), "u", DAY, Money.usd("5.00"))).isEmpty();
    }

    @Test
    void aTenantRefusalDoesNotStopTheRun() {
        BudgetLedger ledger = new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("0.50"), Map.of()));
        ledger.tryReserve(key("a", 1), "t", DAY, Money.usd("0.40"));

        assertThat(ledger.tryReserve(key("a", 2), "t", DAY, Money.usd("0.20"))).isPresent();
        assertThat(ledger.stopped("a")).isFalse();
        assertThat(ledger.tryReserve(key("a", 3), "t", DAY, Money.usd("0.10"))).isEmpty();
    }

    @Test
    void theDefaultRunLimitAppliesToRunsWithoutOneOfTheirOwn() {
        BudgetLedger ledger = new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, Money.usd("0.10"), null, Map.of()));

        assertThat(ledger.tryReserve(key("r", 1), "t", DAY, Money.usd("0.11"))).isPresent();
    }
}
