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

    /** Why {@code amount} cannot be held, or {@code null} when it can. */
    String refusal(Money amount) {
        if (limit == null) {
            return null;
        }
        Money committed = spent.plus(reserved);
        if (committed.plus(amount).exceeds(limit)) {
            return name + " has " + limit.minus(committed).display() + " left of " + limit.display()
                    + " (spent " + spent.display() + ", in flight " + reserved.display() + "), the job needs up to "
                    + amount.display();
        }
        return null;
    }

    void hold(Money amount) {
        reserved = reserved.plus(amount);
    }

    void settle(Money held, Money actual) {
        reserved = reserved.minus(held);
        spent = spent.plus(actual);
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
