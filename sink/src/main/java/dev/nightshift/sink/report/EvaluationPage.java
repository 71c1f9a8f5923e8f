package dev.nightshift.sink.report;

import dev.nightshift.sink.eval.EvaluationReport;
import dev.nightshift.sink.eval.EvaluationSummary;
import dev.nightshift.sink.eval.ModelLanguageFigures;
import dev.nightshift.sink.report.ChartSpec.Point;
import dev.nightshift.sink.report.ChartSpec.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Renders an evaluation: each candidate model's pass rate with its interval, cost per pass, coverage and latency. */
final class EvaluationPage {
    private final EvaluationReport report;

    EvaluationPage(EvaluationReport report) {
        this.report = report;
    }

    String render() {
        EvaluationSummary s = report.summary();
        HtmlDocument page = new HtmlDocument("nightshift evaluation " + s.evaluationId());
        page.markup("<section id=\"evaluation\">\n<h1>Evaluation " + Html.text(s.evaluationId())
                + "</h1>\n<p class=\"subtitle\">"
                + Html.text(s.task() == null ? "" : s.task().id()) + " of " + Html.text(s.repository()) + " at "
                + Html.text(
                        s.commit() == null
                                ? Format.NONE
                                : s.commit()
                                        .substring(0, Math.min(12, s.commit().length())))
                + "</p>\n");
        if (!s.complete()) {
            page.markup(
                    "<p class=\"banner\">Not every arm has ended yet: the figures are what the arms have so far.</p>\n");
        }
        StringBuilder facts = new StringBuilder("<dl class=\"facts\">\n");
        fact(facts, "Sample", s.sample() + " units (seed " + s.seed() + ")");
        fact(facts, "Created", Format.instant(s.createdAt()));
        fact(facts, "Tenant", s.tenant());
        facts.append("<dt>Arms</dt><dd>");
        for (EvaluationSummary.Arm arm : s.arms()) {
            facts.append(Html.text(arm.model()))
                    .append(": <a href=\"/report/runs/")
                    .append(Html.pathSegment(arm.runId()))
                    .append("\">")
                    .append(Html.text(arm.runId()))
                    .append("</a>")
                    .append(arm.complete() ? "" : " (running)")
                    .append("<br>");
        }
        page.markup(facts.append("</dd>\n</dl>\n</section>\n").toString());

        List<ModelLanguageFigures> rows = new ArrayList<>(report.rows());
        rows.sort(Comparator.comparing(ModelLanguageFigures::model)
                .thenComparing(r -> EvaluationReport.ALL_LANGUAGES.equals(r.language()) ? 1 : 0)
                .thenComparing(ModelLanguageFigures::language));
        page.markup("<section id=\"pass\">\n<h2>Pass rate by model × language</h2>\n<p>The bar spans the 95 % "
                + "(Wilson) interval of each pass rate; the mark is the rate measured on the sample.</p>\n");
        List<String> labels =
                rows.stream().map(r -> r.model() + " · " + r.language()).toList();
        List<List<Double>> ranges = rows.stream()
                .map(r -> List.of(r.passRateLow(), r.passRateHigh()))
                .toList();
        List<Double> rates =
                rows.stream().map(r -> r.units() == 0 ? null : r.passRate()).toList();
        page.chart(
                new ChartSpec(
                        "eval-pass-rate",
                        "interval",
                        "Pass rate with its 95% interval",
                        labels,
                        rows.isEmpty()
                                ? List.of()
                                : List.of(
                                        new Series("95% interval", ranges, null, null),
                                        new Series("pass rate", rates, null, "point")),
                        null,
                        "percent",
                        null,
                        null,
                        "pass rate",
                        null),
                "No unit of the sample has ended yet.",
                true);

        page.markup("<h2>Cost per pass against pass rate</h2>\n<p>One point per model, over every language: "
                + "lower and further right is better.</p>\n");
        List<Series> points = new ArrayList<>();
        for (ModelLanguageFigures r : rows) {
            if (EvaluationReport.ALL_LANGUAGES.equals(r.language()) && r.costPerPass() != null) {
                points.add(
                        Series.of(r.model(), List.of(new Point(r.passRate(), Format.chartDollars(r.costPerPass())))));
            }
        }
        page.chart(
                new ChartSpec(
                        "eval-cost-vs-pass",
                        "scatter",
                        "Cost per pass against pass rate by model",
                        List.of(),
                        points,
                        "percent",
                        "usd",
                        null,
                        "pass rate",
                        "dollars per pass",
                        null),
                "No model has passed a unit yet.",
                false);

        if (!rows.isEmpty()) {
            HtmlTable table = new HtmlTable(
                    "evaluation-table",
                    "Model",
                    "Language",
                    "#Units",
                    "#Passed",
                    "#Pass rate",
                    "#95% interval",
                    "#Cost",
                    "#Per pass",
                    "#Lines gained",
                    "#Branches gained",
                    "#Attempts",
                    "#Latency p50",
                    "#Latency mean",
                    "#Repair rounds");
            for (ModelLanguageFigures r : rows) {
                table.row(
                        r.model(),
                        r.language(),
                        Format.count(r.units()),
                        Format.count(r.passed()),
                        Format.percent(r.passRate()),
                        Format.percent(r.passRateLow()) + " – " + Format.percent(r.passRateHigh()),
                        Format.money(r.cost()),
                        Format.money(r.costPerPass()),
                        Format.count(r.linesGained()),
                        Format.count(r.branchesGained()),
                        Format.count(r.attempts()),
                        Format.count(r.latencyP50Ms()) + " ms",
                        Format.count(Math.round(r.latencyMeanMs())) + " ms",
                        Format.decimal(r.repairRounds()));
            }
            page.markup(table.render());
        }
        page.markup("</section>\n");
        return page.render();
    }

    private static void fact(StringBuilder facts, String name, String value) {
        facts.append("<dt>")
                .append(Html.text(name))
                .append("</dt><dd>")
                .append(Html.text(value))
                .append("</dd>\n");
    }
}
