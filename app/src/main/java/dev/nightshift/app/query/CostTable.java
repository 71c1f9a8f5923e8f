package dev.nightshift.app.query;

import dev.nightshift.app.run.RunSummary;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cost report as a plain-text table: one row per group, then the total. Dollars are the exact decimals
 * the ledger sums to (never rounded), so the table can be checked against a provider's bill. With
 * {@code --per-passing-test}, two more columns: the group's passed tests and its test dollars per passing test
 * ({@code -} where no test passed).
 */
final class CostTable {
    private static final List<String> HEADER =
            List.of("ATTEMPTS", "FAILED", "BILLED FAILED", "UNCACHED IN", "CACHE READ", "CACHE WRITE", "OUTPUT", "USD");

    private CostTable() {}

    private static final List<String> PER_PASSING_TEST = List.of("PASSED", "USD/PASSING TEST");

    static String render(CostReport report) {
        return render(report, false);
    }

    static String render(CostReport report, boolean perPassingTest) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(report.by().id().toUpperCase(Locale.ROOT));
        header.addAll(HEADER);
        if (perPassingTest) {
            header.addAll(PER_PASSING_TEST);
        }
        rows.add(header);
        if (report.by() != Dimension.TOTAL) {
            report.groups().forEach(g -> rows.add(cells(g.key().isEmpty() ? "(none)" : g.key(), g, perPassingTest)));
        }
        rows.add(cells("total", report.total(), perPassingTest));
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
        if (report.outcomeUnknown() != null) {
            b.append(RunSummary.outcomeUnknown(
                            report.outcomeUnknown().calls(),
                            report.outcomeUnknown().atMostUsd().toPlainString()))
                    .append('\n');
        }
        return b.toString();
    }

    private static List<String> cells(String key, CostReport.Row r, boolean perPassingTest) {
        List<String> cells = new ArrayList<>(List.of(
                key,
                Long.toString(r.attempts()),
                Long.toString(r.failedAttempts()),
                Long.toString(r.billedFailedAttempts()),
                Long.toString(r.uncachedInput()),
                Long.toString(r.cacheReadInput()),
                Long.toString(r.cacheWriteInput()),
                Long.toString(r.output()),
                r.usd().toPlainString()));
        if (perPassingTest) {
            cells.add(Long.toString(r.passed()));
            cells.add(r.perPassingTest() == null ? "-" : r.perPassingTest().toPlainString());
        }
        return cells;
    }
}
