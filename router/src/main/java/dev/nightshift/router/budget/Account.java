package dev.nightshift.router.budget;

import dev.nightshift.core.money.Money;

/** One budget: its limit ({@code null} = none), what was spent (settled) and what is held by attempts in flight. */
final class Account {
    private final String name;
    private Money limit;
    private Money spent = Money.ZERO;
    private Money reserved = Money.ZERO;

    Account(String name, Money limit) {
        this.name = name;
        this.limit = limit;
    }

    /** Whether {@code amount} can be held now, later (once the holds of attempts in flight settle) or never. */
    Admission admission(Money amount) {
        if (limit == null) {
            return Admission.ADMITTED;
        }
        Money committed = spent.plus(reserved);
        if (!committed.plus(amount).exceeds(limit)) {
            return Admission.ADMITTED;
        }
        String reason = name + " has " + limit.minus(committed).display() + " left of " + limit.display()
                + " (spent " + spent.display() + ", in flight " + reserved.display() + "), the job needs up to "
                + amount.display();
        return spent.plus(amount).exceeds(limit) ? new Admission.Refused(reason) : new Admission.Wait(reason);
    }

    void hold(Money amount) {
        reserved = reserved.plus(amount);
    }

    void settle(Money held, Money actual) {
        reserved = reserved.minus(held);
        spent = spent.plus(actual);
    }

    /** What was spent, as written before a restart. */
    void restoreSpent(Money amount) {
        spent = amount;
    }

    void limit(Money newLimit) {
        limit = newLimit;
    }

    Money limit() {
        return limit;
    }

    Money spent() {
        return spent;
    }

    Money reserved() {
        return reserved;
    }
}
