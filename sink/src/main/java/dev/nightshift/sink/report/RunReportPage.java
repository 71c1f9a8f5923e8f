package dev.nightshift.sink.report;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.sink.report.ChartSpec.Series;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.DocsTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Renders one run's report as a self-contained HTML page. */
final class RunReportPage {
    /** A page lists at most this many skipped files; a repository of vendored code may skip tens of thousands. */
    static final int MAX_SKIPPED = 2_000;

    private final RunReport report;
    private final RunStatus run;
    private final boolean tests;

    RunReportPage(RunReport report) {
        this.report = report;
        this.run = report.status();
        this.tests = run.task() == TaskType.TESTS;
    }

    String render() {
        HtmlDocument page = new HtmlDocument("nightshift run " + run.runId());
        header(page);
        cost(page);
        passRates(page);
        timeline(page);
        estimate(page);
        failedJobs(page);
        skippedFiles(page);
        return page.render();
    }

    private void header(HtmlDocument page) {
        page.markup("<section id=\"run\">\n<h1>Run " + Html.text(run.runId()) + "</h1>\n<p class=\"subtitle\">"
                + Html.text(run.task() == null ? "" : run.task().id()) + " of " + Html.text(run.repository()) + " at "
                + Html.text(shortCommit(run.commit())) + "</p>\n");
        if (run.simulated()) {
            page.markup(
                    "<p class=\"banner\" id=\"simulated\"><strong>Dry run.</strong> The providers were simulated: "
                            + "artifacts are marked simulated, and every dollar is what the configured prices would have charged.</p>\n");
        }
        RunStatus.Jobs jobs = run.jobs();
        long ended = jobs.total() - jobs.pending();
        long withoutResult = jobs.failed() + jobs.deadLettered() + jobs.cancelled();
        page.markup("<div class=\"tiles\">\n"
                + tile(
                        "State",
                        run.state() == null ? Format.NONE : run.state().id(),
                        run.progress() == null || run.progress().completedAt() == null
                                ? null
                                : "at " + Format.instant(run.progress().completedAt()))
                + tile(
                        "Jobs done",
                        Format.count(ended) + " / " + Format.count(jobs.total()),
                        Format.count(jobs.succeeded()) + " succeeded")
                + tile(
                        "Cost",
                        Format.money(run.cost().usd()),
                        run.cost().byModel().size() + " model(s)")
                + tile("Estimate", Format.money(report.estimate()), report.estimate() == null ? "none recorded" : null)
                + outcomeUnknownTile()
                + perPassTile()
                + tile(
                        "Without a result",
                        Format.count(withoutResult),
                        jobs.failed() + " failed, " + jobs.deadLettered() + " dead-lettered, " + jobs.cancelled()
                                + " cancelled")
                + tile("Skipped files", Format.count(run.skipped().size()), null)
                + "</div>\n");
        RunStatus.Tokens t = run.tokens();
        RunStatus.Progress p = run.progress();
        StringBuilder facts = new StringBuilder("<dl class=\"facts\">\n");
        fact(facts, "Repository", run.repository());
        fact(facts, "Commit", run.commit());
        fact(facts, "Task", run.task() == null ? null : run.task().id());
        fact(facts, "Tenant", run.tenant());
        fact(facts, "Simulated", run.simulated() ? "yes (dry run)" : "no");
        if (p != null) {
            fact(facts, "Planned", Format.instant(p.plannedAt()));
            fact(facts, "First result", Format.instant(p.firstResultAt()));
            fact(facts, "Last result", Format.instant(p.lastResultAt()));
            fact(facts, "Attempts", Format.count(p.attempts()));
        }
        if (t != null) {
            fact(
                    facts,
                    "Tokens",
                    Format.count(t.uncachedInput()) + " input, " + Format.count(t.cacheReadInput()) + " cache read, "
                            + Format.count(t.cacheWriteInput()) + " cache write, " + Format.count(t.output())
                            + " output");
        }
        fact(facts, "Served from cache", Format.count(run.servedFromCache()) + " jobs");
        if (run.budget() != null) {
            fact(
                    facts,
                    "Budget",
                    Format.money(run.budget().maxUsd()) + " ("
                            + Format.money(run.budget().remainingUsd()) + " left)");
        }
        if (run.tests() != null) {
            RunStatus.Tests x = run.tests();
            fact(
                    facts,
                    "Tests",
                    x.passed() + " passed of " + x.candidates() + " candidates (" + x.noGain() + " no gain, "
                            + x.buildFailed() + " build failed, " + x.failed() + " failed, " + x.flaky() + " flaky, "
                            + x.timeout()
                            + " timed out, " + x.infrastructure() + " infrastructure); " + x.repaired() + " repaired, "
                            + x.escalated() + " escalated");
            RunStatus.Coverage c = x.coverage();
            if (c != null && c.linesTotal() > 0) {
                fact(
                        facts,
                        "Lines covered",
                        c.linesBefore() + " → " + c.linesAfter() + " of " + c.linesTotal() + " ("
                                + Format.percent(c.linesBefore(), c.linesTotal()) + " → "
                                + Format.percent(c.linesAfter(), c.linesTotal()) + ")");
            }
        }
        DocsTotals d = run.docs();
        if (d != null) {
            fact(
                    facts,
                    "Documents",
                    d.files() + " files, " + d.folders() + " folders, " + d.architecture() + " architecture; "
                            + d.complete() + " complete, " + d.incomplete() + " incomplete, " + d.unknownNames()
                            + " unknown names");
        }
        page.markup(facts.append("</dl>\n</section>\n").toString());
    }

    private String perPassTile() {
        if (tests) {
            return tile(
                    "Per passing test",
                    Format.money(run.cost().perPassingTest()),
                    run.tests() == null ? null : run.tests().passed() + " passed");
        }
        long accepted = report.cells().stream().mapToLong(PassCell::passed).sum();
        return tile(
                "Per accepted document",
                Format.money(PerPassingTest.of(run.cost().usd(), accepted)),
                accepted + " accepted by review");
    }

    private void cost(HtmlDocument page) {
        page.markup("<section id=\"cost\">\n<h2>Cost</h2>\n<div class=\"grid\">\n<div>\n<h3>By model</h3>\n");
        page.chart(
                moneyBars("cost-by-model", "Cost by model", run.cost().byModel()),
                "No attempt has cost anything yet.",
                false);
        page.markup(amounts("cost-by-model-table", "Model", run.cost().byModel()));
        page.markup("</div>\n<div>\n<h3>By task</h3>\n");
        page.chart(
                moneyBars("cost-by-task", "Cost by task", report.byTask()), "No attempt is in the ledger yet.", false);
        page.markup(amounts("cost-by-task-table", "Task", report.byTask()));
        page.markup("</div>\n<div>\n<h3>By language</h3>\n");
        page.chart(
                moneyBars("cost-by-language", "Cost by language", report.byLanguage()),
                "No attempt is in the ledger yet.",
                false);
        page.markup(amounts("cost-by-language-table", "Language", report.byLanguage()));
        if (report.byTier().containsKey(ServiceTier.BATCH.id())) {
            // Only a run with a deadline has calls in provider batches; others would show one bar of "standard".
            page.markup("</div>\n<div>\n<h3>By service tier</h3>\n");
            page.chart(moneyBars("cost-by-tier", "Cost by service tier", report.byTier()), "", false);
            page.markup(amounts("cost-by-tier-table", "Tier", report.byTier()));
        }
        page.markup("</div>\n</div>\n</section>\n");
    }

    private static ChartSpec moneyBars(String id, String title, Map<String, Money> amounts) {
        Map<String, Money> sorted = new TreeMap<>(amounts);
        return ChartSpec.bar(
                id,
                title,
                List.copyOf(sorted.keySet()),
                sorted.isEmpty()
                        ? List.of()
                        : List.of(Series.of(
                                "dollars",
                                sorted.values().stream()
                                        .map(Format::chartDollars)
                                        .toList())),
                "usd",
                "dollars");
    }

    private static String amounts(String id, String what, Map<String, Money> amounts) {
        if (amounts.isEmpty()) {
            return "";
        }
        HtmlTable table = new HtmlTable(id, what, "#Dollars");
        new TreeMap<>(amounts).forEach((k, v) -> table.row(k, Format.money(v)));
        return "<details><summary>Exact amounts</summary>\n" + table.render() + "</details>\n";
    }

    private void passRates(HtmlDocument page) {
        String passing = tests ? "passing test" : "accepted document";
        page.markup("<section id=\"pass\">\n<h2>"
                + (tests ? "Pass rate and cost per passing test" : "Review acceptance and cost per accepted document")
                + " by model × language</h2>\n<p>"
                + (tests
                        ? "Each validated attempt counts once: passed ÷ tests judged (infrastructure verdicts are the validator's, not the model's, and count nowhere). Dollars are the model's attempts on those units, repairs and failed calls included."
                        : "Each reviewed document counts once: accepted by the review ÷ reviewed. Dollars are the model's attempts on those units, failed calls included.")
                + "</p>\n");
        List<PassCell> cells = report.cells();
        TreeSet<String> models = new TreeSet<>();
        TreeSet<String> languages = new TreeSet<>();
        cells.stream().filter(c -> c.judged() > 0).forEach(c -> {
            models.add(c.model());
            languages.add(c.language());
        });
        List<Series> rates = new ArrayList<>();
        List<Series> perPass = new ArrayList<>();
        for (String language : languages) {
            List<Double> r = new ArrayList<>();
            List<Double> d = new ArrayList<>();
            for (String model : models) {
                PassCell c = cells.stream()
                        .filter(x -> x.model().equals(model) && x.language().equals(language))
                        .findFirst()
                        .orElse(null);
                r.add(c == null || c.judged() == 0 ? null : c.passRate());
                d.add(c == null ? null : Format.chartDollars(c.perPass()));
            }
            rates.add(Series.of(language, r));
            perPass.add(Series.of(language, d));
        }
        String nothing = tests ? "No test has been judged yet." : "No document has been reviewed yet.";
        page.markup("<div class=\"grid\">\n<div>\n<h3>Pass rate</h3>\n");
        page.chart(
                ChartSpec.bar(
                        "pass-rate",
                        "Pass rate by model and language",
                        List.copyOf(models),
                        rates,
                        "percent",
                        "pass rate"),
                nothing,
                false);
        page.markup("</div>\n<div>\n<h3>Cost per " + passing + "</h3>\n");
        page.chart(
                ChartSpec.bar(
                        "cost-per-pass",
                        "Cost per " + passing + " by model and language",
                        List.copyOf(models),
                        perPass,
                        "usd",
                        "dollars per " + passing),
                tests ? "No test has passed yet." : "No document has been accepted yet.",
                false);
        page.markup("</div>\n</div>\n");
        if (!cells.isEmpty()) {
            HtmlTable table = new HtmlTable(
                    "pass-table",
                    "Model",
                    "Language",
                    tests ? "#Judged" : "#Reviewed",
                    tests ? "#Passed" : "#Accepted",
                    "#Rate",
                    "#Dollars",
                    "#Per " + passing);
            for (PassCell c : cells) {
                table.row(
                        c.model(),
                        c.language(),
                        Format.count(c.judged()),
                        Format.count(c.passed()),
                        Format.percent(c.passRate()),
                        Format.money(c.dollars()),
                        Format.money(c.perPass()));
            }
            page.markup(table.render());
        }
        page.markup("</section>\n");
    }

    private void timeline(HtmlDocument page) {
        page.markup(
                "<section id=\"timeline\">\n<h2>Timeline</h2>\n<p>Jobs done and dollars spent as the attempts finished (UTC).</p>\n");
        Timeline t = report.timeline();
        List<Series> series = t.isEmpty()
                ? List.of()
                : List.of(
                        new Series("jobs done", t.lines().jobsDone(), null, null),
                        new Series("dollars spent", t.lines().dollars(), "y2", null));
        page.chart(
                new ChartSpec(
                        "timeline",
                        "timeline",
                        "Jobs done and dollars over time",
                        List.of(),
                        series,
                        "time",
                        "count",
                        "usd",
                        "time (UTC)",
                        "jobs done",
                        "dollars"),
                "No attempt has finished yet.",
                true);
        page.markup("</section>\n");
    }

    private void estimate(HtmlDocument page) {
        page.markup("<section id=\"estimate\">\n<h2>Estimate vs actual</h2>\n");
        Money estimate = report.estimate();
        Money actual = run.cost().usd();
        if (estimate == null) {
            page.markup(
                    "<p class=\"empty\" data-empty-chart=\"estimate\">No estimate was recorded for this run; runs started with "
                            + "<code>nightshift run</code> carry the estimate their plan was priced at.</p>\n</section>\n");
            return;
        }
        boolean done = run.state() != null && "completed".equals(run.state().id());
        page.markup("<p>Planned at " + Html.text(Format.money(estimate)) + "; " + (done ? "cost " : "has cost ")
                + Html.text(Format.money(actual)) + (done ? "" : " so far") + ratio(actual, estimate) + ".</p>\n");
        page.chart(
                ChartSpec.bar(
                        "estimate",
                        "Estimated and actual dollars",
                        List.of("estimated", "actual"),
                        List.of(Series.of(
                                "dollars", List.of(Format.chartDollars(estimate), Format.chartDollars(actual)))),
                        "usd",
                        "dollars"),
                "Neither the estimate nor the run cost anything.",
                false);
        page.markup("</section>\n");
    }

    private static String ratio(Money actual, Money estimate) {
        if (estimate.isZero()) {
            return "";
        }
        BigDecimal share = actual.toBigDecimal()
                .multiply(BigDecimal.valueOf(100))
                .divide(estimate.toBigDecimal(), 1, RoundingMode.HALF_UP);
        return " (" + share.toPlainString() + "% of the estimate)";
    }

    private void failedJobs(HtmlDocument page) {
        page.markup("<section id=\"failed\">\n<h2>Failed and dead-lettered jobs</h2>\n");
        if (report.failedJobs().isEmpty()) {
            page.markup(
                    "<p class=\"empty\" id=\"no-failed-jobs\">Every job that ended so far ended with a result.</p>\n</section>\n");
            return;
        }
        HtmlTable table =
                new HtmlTable("failed-jobs", "Unit", "State", "Model", "#Attempts", "Failure", "Reason", "Diagnostics");
        for (FailedJob j : report.failedJobs()) {
            String diagnostics = j.diagnostics().isEmpty()
                    ? Format.NONE
                    : "<pre class=\"diagnostics\">" + Html.text(String.join("\n", j.diagnostics())) + "</pre>";
            table.markupRow(
                    j.jobId(),
                    "<span class=\"path\">" + Html.text(j.unitPath() == null ? j.jobId() : j.unitPath())
                            + "</span><br><small>" + Html.text(j.jobId()) + "</small>",
                    "<span class=\"bad\">"
                            + Html.text(
                                    j.state().name().toLowerCase(Locale.ROOT).replace('_', '-')) + "</span>",
                    Html.text(j.model() == null ? Format.NONE : j.model()),
                    Html.text(j.attempts()),
                    Html.text(j.failureClass() == null ? Format.NONE : j.failureClass()),
                    Html.text(j.reason() == null ? Format.NONE : j.reason()),
                    diagnostics);
        }
        page.markup(table.render());
        int more = report.failedJobsTotal() - report.failedJobs().size();
        if (more > 0) {
            page.markup("<p class=\"more\">… and " + more + " more; <code>nightshift ledger --run "
                    + Html.text(run.runId()) + "</code> lists every attempt.</p>\n");
        }
        page.markup("</section>\n");
    }

    private void skippedFiles(HtmlDocument page) {
        page.markup("<section id=\"skipped\">\n<h2>Skipped files</h2>\n");
        List<SkippedFile> skipped = run.skipped();
        if (skipped.isEmpty()) {
            page.markup("<p class=\"empty\" id=\"no-skipped-files\">No file was skipped.</p>\n</section>\n");
            return;
        }
        page.markup("<p>Files that got no job, with the rule that left them out.</p>\n");
        HtmlTable table = new HtmlTable("skipped-files", "File", "Rule");
        skipped.stream()
                .limit(MAX_SKIPPED)
                .forEach(f -> table.markupRow(
                        f.path(), "<span class=\"path\">" + Html.text(f.path()) + "</span>", Html.text(f.reason())));
        page.markup(table.render());
        if (skipped.size() > MAX_SKIPPED) {
            page.markup("<p class=\"more\">… and " + (skipped.size() - MAX_SKIPPED) + " more; <code>nightshift status "
                    + Html.text(run.runId()) + " --json</code> lists them all.</p>\n");
        }
        page.markup("</section>\n");
    }

    /**
     * Calls no attempt booked (given up at their deadline, or under way when a process died): not in the cost, but the
     * provider may have billed them; shown apart, with the most they can cost, only when there are any.
     */
    private String outcomeUnknownTile() {
        RunStatus.OutcomeUnknown unknown = run.cost().outcomeUnknown();
        return unknown == null
                ? ""
                : tile(
                        "Outcome unknown",
                        "at most " + Format.money(unknown.atMostUsd()),
                        Format.count(unknown.calls()) + " call(s) no answer booked; the provider may have billed them");
    }

    private static String tile(String label, String value, String note) {
        return "<div class=\"tile\"><div class=\"label\">" + Html.text(label) + "</div><div class=\"value\">"
                + Html.text(value) + "</div>"
                + (note == null ? "" : "<div class=\"note\">" + Html.text(note) + "</div>") + "</div>\n";
    }

    private static void fact(StringBuilder facts, String name, String value) {
        facts.append("<dt>")
                .append(Html.text(name))
                .append("</dt><dd>")
                .append(Html.text(value == null ? Format.NONE : value))
                .append("</dd>\n");
    }

    private static String shortCommit(String commit) {
        return commit == null ? "an unknown commit" : commit.substring(0, Math.min(12, commit.length()));
    }
}
