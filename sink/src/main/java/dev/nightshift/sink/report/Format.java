package dev.nightshift.sink.report;

import dev.nightshift.core.money.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures read in a report's text and tables (charts format theirs in the page's script). */
final class Format {
    static final String NONE = "—";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    /** Exact dollars, as the ledger has them ({@code $0.000812}); a dash for none. */
    static String money(Money m) {
        return m == null ? NONE : m.display();
    }

    /** A share as a percentage with one decimal; a dash when there is nothing to share. */
    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : NONE;
    }

    static String percent(long part, long whole) {
        return whole == 0 ? NONE : percent((double) part / whole);
    }

    static String instant(Instant at) {
        return at == null ? NONE : INSTANT.format(at);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : NONE;
    }

    /** Dollars as a chart's number; exact amounts stay in the tables. */
    static Double chartDollars(Money m) {
        return m == null ? null : m.toBigDecimal().doubleValue();
    }
}
