package dev.nightshift.core.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An exact amount of US dollars. Never a {@code double}: amounts are {@link BigDecimal}s, and every
 * operation here is exact (no rounding), so a ledger summed from millions of entries equals the bill.
 * Serialised as a plain decimal string, e.g. {@code "0.000123"}.
 */
public final class Money implements Comparable<Money> {
    public static final Money ZERO = new Money(BigDecimal.ZERO);
    private static final BigDecimal NANOS_PER_DOLLAR = BigDecimal.valueOf(1_000_000_000L);

    private final BigDecimal usd;

    private Money(BigDecimal usd) {
        this.usd = normalise(Objects.requireNonNull(usd, "usd"));
    }

    /** Parses a decimal dollar amount such as {@code "0.14"}; rejects anything that is not a plain number. */
    @JsonCreator
    public static Money usd(String amount) {
        if (amount == null || amount.isBlank()) {
            throw new IllegalArgumentException("a dollar amount is required, e.g. \"0.14\"");
        }
        try {
            return new Money(new BigDecimal(amount.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + amount + "' is not a dollar amount; write a decimal such as \"0.14\"");
        }
    }

    public static Money usd(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money ofNanos(long nanoDollars) {
        return new Money(BigDecimal.valueOf(nanoDollars).divide(NANOS_PER_DOLLAR));
    }

    public Money plus(Money other) {
        return new Money(usd.add(other.usd));
    }

    public Money minus(Money other) {
        return new Money(usd.subtract(other.usd));
    }

    public Money times(long factor) {
        return new Money(usd.multiply(BigDecimal.valueOf(factor)));
    }

    public Money times(BigDecimal factor) {
        return new Money(usd.multiply(factor));
    }

    /** Exact: dividing by a power of ten only moves the decimal point. */
    public Money perMillion() {
        return new Money(usd.movePointLeft(6));
    }

    public boolean isNegative() {
        return usd.signum() < 0;
    }

    public boolean isZero() {
        return usd.signum() == 0;
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    public BigDecimal toBigDecimal() {
        return usd;
    }

    /** Nano-dollars, rounded half-up; for metrics and display only, never for accounting. */
    public long roundedNanos() {
        return usd.multiply(NANOS_PER_DOLLAR)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }

    @JsonValue
    public String toPlainString() {
        return usd.toPlainString();
    }

    /** For people: at least two decimals, e.g. {@code $0.0012} or {@code $3.50}. */
    public String display() {
        BigDecimal shown = usd.scale() < 2 ? usd.setScale(2) : usd;
        return "$" + shown.toPlainString();
    }

    @Override
    public int compareTo(Money o) {
        return usd.compareTo(o.usd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && usd.equals(m.usd);
    }

    @Override
    public int hashCode() {
        return usd.hashCode();
    }

    @Override
    public String toString() {
        return toPlainString();
    }

    private static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
