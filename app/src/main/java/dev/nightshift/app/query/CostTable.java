package dev.nightshift.app.query;

import dev.nightshift.sink.aggregate.Dimension;
import dev.nightshift.sink.cost.CostReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cost report as a plain-text table: one row per group, then the total. Dollars are the exact decimals
 * the ledger sums to (never rounded), so the table can be checked against a provider's bill.
 */
final class CostTable {
    private static final List<String> HEADER = List.of("ATTEMPTS", "FAILED", "BILLED FAILED", "UNCACHED IN",
            "CACHE READ", "CACHE WRITE", "OUTPUT", "USD");

    private CostTable() {
    }

    static String render(CostReport report) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(report.by().id().toUpperCase(Locale.ROOT));
        header.addAll(HEADER);
        rows.add(header);
        if (report.by() != Dimension.TOTAL) {
            report.groups().forEach(g -> rows.add(cells(g.key().isEmpty() ? "(none)" : g.key(), g)));
        }
        rows.add(cells("total", report.total()));
        int[] widths = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    line.append("  ");
                }
                // the group name reads left to right; figures line up on their last digit
                String cell = r.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? cell + pad : pad + cell);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static List<String> cells(String key, CostReport.Row r) {
        return List.of(key, Long.toString(r.attempts()), Long.toString(r.failedAttempts()),
                Long.toString(r.billedFailedAttempts()), Long.toString(r.uncachedInput()), Long.toString(r.cacheReadInput()),
                Long.toString(r.cacheWriteInput()), Long.toString(r.output()), r.usd().toPlainString());
    }
}
