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

        assertThat(ledger.admit(key("r", 1), "t", DAY, Money.usd("0.60"))).isEqualTo(Admission.ADMITTED);
        assertThat(ledger.admit(key("r", 2), "t", DAY, Money.usd("0.40"))).isEqualTo(Admission.ADMITTED);
        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("1.00"));
    }

    @Test
    void anAttemptThatFitsOnlyOnceHoldsSettleWaitsAndOneThatCannotFitBesideTheSpendIsRefused() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.runLimit("r", Money.usd("1.00"));
        ledger.admit(key("r", 1), "t", DAY, Money.usd("0.60"));

        assertThat(ledger.admit(key("r", 2), "t", DAY, Money.usd("0.50")))
                .isInstanceOfSatisfying(
                        Admission.Wait.class, w -> assertThat(w.reason()).contains("run r has $0.40 left of $1.00"));
        assertThat(ledger.runHeld("r")).as("a waiting attempt holds nothing").isEqualTo(Money.usd("0.60"));

        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.55"));

        assertThat(ledger.admit(key("r", 2), "t", DAY, Money.usd("0.50")))
                .isInstanceOfSatisfying(
                        Admission.Refused.class, r -> assertThat(r.reason()).contains("spent $0.55"));
        // a refusal is about one attempt: a cheaper one after it still runs, so the budget is spent to its limit
        assertThat(ledger.admit(key("r", 3), "t", DAY, Money.usd("0.45"))).isEqualTo(Admission.ADMITTED);
        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("0.45"));
    }

    @Test
    void releasingAStoppedJobsHoldsFreesTheBudgetsAndALateAnswerIsStillBookedOnce() {
        BudgetLedger ledger =
                new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("1.00"), Map.of()));
        AttemptKey first = new AttemptKey("r", "j1", 1);
        AttemptKey second = new AttemptKey("r", "j1", 2);
        ledger.admit(first, "t", DAY, Money.usd("0.30"));
        ledger.admit(second, "t", DAY, Money.usd("0.30"));
        ledger.admit(key("r", 2), "t", DAY, Money.usd("0.40"));

        ledger.release("r", "j1");

        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("0.40"));
        assertThat(ledger.tenantHeld("t", DAY)).isEqualTo(Money.usd("0.40"));
        assertThat(ledger.runSpent("r")).isEqualTo(Money.ZERO);
        assertThat(ledger.inFlight()).containsExactly(key("r", 2));
        assertThat(ledger.admit(key("r", 3), "t", DAY, Money.usd("0.60")))
                .as("the tenant's day has room again")
                .isEqualTo(Admission.ADMITTED);

        ledger.settle(first, "t", DAY, Money.usd("0.05"));
        ledger.settle(first, "t", DAY, Money.usd("0.05"));

        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.05"));
        assertThat(ledger.runHeld("r")).isEqualTo(Money.usd("1.00"));
    }

    @Test
    void settlingReleasesTheHoldAndBooksTheActualCost() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.admit(key("r", 1), "t", DAY, Money.usd("0.60"));

        ledger.settle(key("r", 1), "t", DAY, Money.usd("0.25"));

        assertThat(ledger.runHeld("r")).isEqualTo(Money.ZERO);
        assertThat(ledger.runSpent("r")).isEqualTo(Money.usd("0.25"));
        assertThat(ledger.tenantSpent("t", DAY)).isEqualTo(Money.usd("0.25"));
        assertThat(ledger.tenantHeld("t", DAY)).isEqualTo(Money.ZERO);
    }

    @Test
    void aRedeliveredSettlementIsBookedOnce() {
        BudgetLedger ledger = new BudgetLedger(BudgetSettings.UNLIMITED);
        ledger.admit(key("r", 1), "t", DAY, Money.usd("0.60"));

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
        BudgetLedger ledger = new BudgetLedger(
                new BudgetSettings(ReserveMode.WORST_CASE, null, null, Map.of("t", Money.usd("1.00"))));
        ledger.admit(key("a", 1), "t", DAY, Money.usd("0.90"));

        assertThat(ledger.admit(key("b", 1), "t", DAY, Money.usd("0.20"))).isNotEqualTo(Admission.ADMITTED);
        assertThat(ledger.admit(key("b", 2), "t", DAY.plusDays(1), Money.usd("0.20")))
                .isEqualTo(Admission.ADMITTED);
        // another tenant has its own budget (none)
        assertThat(ledger.admit(key("c", 1), "u", DAY, Money.usd("5.00"))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aTenantsDayRefusesWhatItsSpendLeavesNoRoomForAndAdmitsWhatStillFits() {
        BudgetLedger ledger =
                new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("0.50"), Map.of()));
        ledger.admit(key("a", 1), "t", DAY, Money.usd("0.40"));
        ledger.settle(key("a", 1), "t", DAY, Money.usd("0.40"));

        assertThat(ledger.admit(key("a", 2), "t", DAY, Money.usd("0.20"))).isInstanceOf(Admission.Refused.class);
        assertThat(ledger.admit(key("a", 3), "t", DAY, Money.usd("0.10"))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aRefusalByEitherBudgetWinsOverAWaitByTheOther() {
        BudgetLedger ledger =
                new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("0.50"), Map.of()));
        ledger.runLimit("b", Money.usd("1.00"));
        ledger.admit(key("a", 1), "t", DAY, Money.usd("0.45"));
        ledger.settle(key("a", 1), "t", DAY, Money.usd("0.45"));
        ledger.admit(key("b", 1), "t", DAY, Money.usd("0.05"));

        // run b would only wait (its own $1.00 has room once b/1 settles); the tenant's day has $0.05 unspent, never
        // $0.20
        assertThat(ledger.admit(key("b", 2), "t", DAY, Money.usd("0.20"))).isInstanceOf(Admission.Refused.class);
    }

    @Test
    void theDefaultRunLimitAppliesToRunsWithoutOneOfTheirOwn() {
        BudgetLedger ledger =
                new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, Money.usd("0.10"), null, Map.of()));

        assertThat(ledger.admit(key("r", 1), "t", DAY, Money.usd("0.11"))).isNotEqualTo(Admission.ADMITTED);
    }
}
