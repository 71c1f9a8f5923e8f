package dev.nightshift.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Locale;

/** An evaluation's figures as a table for people: a row per model × language, and one per model over all. */
final class EvaluationTable {
    private static final String ROW = "%-30s %-12s %5s %6s %17s %12s %10s %7s %8s %7s%n";

    private EvaluationTable() {}

    static void print(PrintStream out, JsonNode report) {
        JsonNode summary = report.path("summary");
        out.printf(
                "evaluation %s: %s of %s at %s, sample of %d (seed %d)%n",
                summary.path("evaluationId").asText(),
                summary.path("task").asText(),
                summary.path("repository").asText(),
                shortCommit(summary.path("commit").asText()),
                summary.path("sample").asInt(),
                summary.path("seed").asLong());
        out.printf(
                ROW,
                "model",
                "language",
                "units",
                "passed",
                "pass rate (95% CI)",
                "$ per pass",
                "$ total",
                "+lines",
                "p50 ms",
                "repairs");
        boolean tests = "tests".equals(summary.path("task").asText());
        for (JsonNode row : report.path("rows")) {
            out.printf(
                    ROW,
                    row.path("model").asText(),
                    row.path("language").asText(),
                    row.path("units").asLong(),
                    row.path("passed").asLong(),
                    rate(row),
                    dollars(row.path("costPerPass")),
                    dollars(row.path("cost")),
                    tests ? String.valueOf(row.path("linesGained").asLong()) : "–",
                    row.path("latencyP50Ms").asLong(),
                    String.format(Locale.ROOT, "%.2f", row.path("repairRounds").asDouble()));
        }
        out.println("cost per pass counts every attempt of the model's units (failed and repair attempts included);"
                + " a pass is a test that built, passed and added coverage, or a document its review accepted.");
    }

    private static String rate(JsonNode row) {
        return String.format(
                Locale.ROOT,
                "%3.0f%% (%2.0f–%3.0f%%)",
                100 * row.path("passRate").asDouble(),
                100 * row.path("passRateLow").asDouble(),
                100 * row.path("passRateHigh").asDouble());
    }

    private static String dollars(JsonNode amount) {
        if (amount.isMissingNode() || amount.isNull()) {
            return "–";
        }
        return "$"
                + new java.math.BigDecimal(amount.asText())
                        .setScale(6, java.math.RoundingMode.HALF_UP)
                        .toPlainString();
    }

    private static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }
}
