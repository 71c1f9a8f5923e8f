package dev.nightshift.sinkapi.aggregate;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Dollars per passing test: an amount divided by the number of tests that passed. Exact whenever the quotient has
 * a finite decimal expansion (dividing by 1, 2, 4, 5, 8, 10, …); otherwise rounded half-even to
 * {@value #SCALE} decimal places (a pico-dollar, far below any price's precision), or to six places more than the
 * amount has when it is finer still. {@code null} when no test passed: there is no such figure, not an infinite one.
 */
public final class PerPassingTest {
    public static final int SCALE = 12;

    private PerPassingTest() {}

    public static Money of(Money usd, long passed) {
        if (passed <= 0) {
            return null;
        }
        BigDecimal amount = usd.toBigDecimal();
        BigDecimal n = BigDecimal.valueOf(passed);
        try {
            return Money.usd(amount.divide(n));
        } catch (ArithmeticException nonTerminating) {
            return Money.usd(amount.divide(n, Math.max(SCALE, amount.scale() + 6), RoundingMode.HALF_EVEN));
        }
    }
}
