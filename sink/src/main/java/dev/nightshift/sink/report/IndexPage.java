package dev.nightshift.sink.report;

import dev.nightshift.sink.eval.EvaluationSummary;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;
import java.util.stream.Collectors;

/** The list of reports the sink serves: runs newest first, then evaluations, each linking its page. */
final class IndexPage {
    private final List<RunStatus> runs;
    private final List<EvaluationSummary> evaluations;

    IndexPage(List<RunStatus> runs, List<EvaluationSummary> evaluations) {
        this.runs = runs;
        this.evaluations = evaluations;
    }

    String render() {
        HtmlDocument page = new HtmlDocument("nightshift reports");
        page.markup(
                "<h1>Reports</h1>\n<p class=\"subtitle\">Every run and evaluation this sink holds, newest first.</p>\n");
        page.markup("<section id=\"runs\">\n<h2>Runs</h2>\n");
        if (runs.isEmpty()) {
            page.markup("<p class=\"empty\">No run yet.</p>\n");
        } else {
            HtmlTable table = new HtmlTable(
                    "run-list", "Run", "State", "Task", "Repository", "Planned", "#Jobs", "#Cost", "Simulated");
            for (RunStatus r : runs) {
                table.markupRow(
                        r.runId(),
                        "<a href=\"/report/runs/" + Html.pathSegment(r.runId()) + "\">" + Html.text(r.runId()) + "</a>",
                        Html.text(r.state() == null ? Format.NONE : r.state().id()),
                        Html.text(r.task() == null ? Format.NONE : r.task().id()),
                        "<span class=\"path\">" + Html.text(r.repository()) + "</span>",
                        Html.text(Format.instant(
                                r.progress() == null ? null : r.progress().plannedAt())),
                        Html.text(Format.count(r.jobs().total())),
                        Html.text(Format.money(r.cost().usd())),
                        r.simulated() ? "dry run" : "");
            }
            page.markup(table.render());
        }
        page.markup("</section>\n<section id=\"evaluations\">\n<h2>Evaluations</h2>\n");
        if (evaluations.isEmpty()) {
            page.markup("<p class=\"empty\">No evaluation yet.</p>\n");
        } else {
            HtmlTable table = new HtmlTable(
                    "evaluation-list", "Evaluation", "Task", "Repository", "Created", "#Sample", "Models", "Complete");
            for (EvaluationSummary e : evaluations) {
                table.markupRow(
                        e.evaluationId(),
                        "<a href=\"/report/evaluations/" + Html.pathSegment(e.evaluationId()) + "\">"
                                + Html.text(e.evaluationId()) + "</a>",
                        Html.text(e.task() == null ? Format.NONE : e.task().id()),
                        "<span class=\"path\">" + Html.text(e.repository()) + "</span>",
                        Html.text(Format.instant(e.createdAt())),
                        Html.text(e.sample()),
                        Html.text(e.arms().stream()
                                .map(EvaluationSummary.Arm::model)
                                .collect(Collectors.joining(", "))),
                        e.complete() ? "yes" : "not yet");
            }
            page.markup(table.render());
        }
        page.markup("</section>\n");
        return page.render();
    }
}
