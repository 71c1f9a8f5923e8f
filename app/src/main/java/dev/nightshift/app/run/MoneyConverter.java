package dev.nightshift.app.run;

import dev.nightshift.core.money.Money;
import picocli.CommandLine;

/** Reads a dollar amount such as {@code 2.50} (a leading {@code $} is allowed) exactly. */
public final class MoneyConverter implements CommandLine.ITypeConverter<Money> {
    @Override
    public Money convert(String value) {
        try {
            Money m = Money.usd(value.trim().startsWith("$") ? value.trim().substring(1) : value);
            if (m.isNegative() || m.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be more than $0");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
