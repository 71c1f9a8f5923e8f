package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.run.RunSummary;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.RunState;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift status [RUN]}: a run's progress and cost, or the list of runs — from a running sink with
 * {@code --sink URL}, else from the local store (also while a {@code nightshift run} is writing it). A run's status
 * ends with where its report is: the sink's {@code /report/runs/RUN} page, or for the local store the
 * {@code nightshift report RUN} command that writes it as a file.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show runs, or one run's progress and cost.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "RUN",
            description = "The run to show; without it, the list of runs.")
    String runId;

    @Mixin
    OutputFormat output;

    @Mixin
    SinkAccess sink;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        PrintStream out = parent.terminal().out();
        boolean document = output.document();
        if (sink.nothingStoredYet(parent.terminal())) {
            return nothingRunYet(out, document);
        }
        try (SinkReader reader = sink.open(parent.terminal())) {
            if (runId == null) {
                List<RunStatus> runs = reader.runs();
                if (document) {
                    output.print(out, runs);
                } else {
                    runs.forEach(r ->
                            out.printf("%s  %-9s %s%n", r.runId(), r.state().id(), r.repository()));
                }
            } else {
                RunStatus run = reader.status(runId);
                if (document) {
                    output.print(out, run);
                } else {
                    out.println(line(run));
                    // -o json|yaml prints the sink's document alone; people get where the charts are
                    out.println("report: "
                            + reader.reportUrl(run.runId())
                                    .orElse("nightshift report " + run.runId() + " (writes one HTML file)"));
                }
            }
        }
        out.flush();
        return 0;
    }

    /** A fresh home has no store: no runs is the true answer to the list, and any asked-for run does not exist. */
    private int nothingRunYet(PrintStream out, boolean document) {
        if (runId != null) {
            throw UserError.badInput(
                    "no run '" + runId + "' in " + sink.localStore(parent.terminal())
                            + ": nothing has run with this NIGHTSHIFT_HOME; list the runs with 'nightshift status', or pass --sink URL");
        }
        if (document) {
            output.print(out, List.of());
        } else {
            parent.terminal()
                    .err()
                    .println("no runs yet in " + sink.localStore(parent.terminal())
                            + "; start one with 'nightshift run'");
        }
        out.flush();
        return 0;
    }

    /** Why a stopped run stopped, and what a person can do about it. */
    private static String stopped(RunStatus run) {
        if (run.state() == dev.nightshift.sinkapi.run.RunState.INTERRUPTED) {
            String why = run.control() == null ? "" : " (" + run.control().reason() + ")";
            return "; interrupted" + why + ": 'nightshift resume " + run.runId() + "' goes on, 'nightshift cancel "
                    + run.runId() + "' ends it";
        }
        if (run.state() == dev.nightshift.sinkapi.run.RunState.CANCELLED && run.control() != null) {
            return "; cancelled (" + run.control().reason() + ")";
        }
        return "";
    }

    /** The run's requests in provider batches, and when the last batch is expected back (local time). */
    static String batches(RunStatus.Batches b) {
        if (b == null) {
            return "";
        }
        String expected = b.expectedFinish() == null
                ? ""
                : ", expected back by "
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                .format(b.expectedFinish().atZone(java.time.ZoneId.systemDefault()));
        return "; " + b.waiting() + " request(s) waiting in provider batches (at most $"
                + b.atMostUsd().toPlainString() + " at batch prices)" + expected;
    }

    private static String line(RunStatus run) {
        RunStatus.Jobs jobs = run.jobs();
        String line = String.format(
                "run %s: %s, %d/%d jobs done (%d succeeded, %d failed, %d dead-lettered, %d cancelled), $%s",
                run.runId(),
                run.state().id(),
                jobs.total() - jobs.pending(),
                jobs.total(),
                jobs.succeeded(),
                jobs.failed(),
                jobs.deadLettered(),
                jobs.cancelled(),
                run.cost().usd());
        line += stopped(run);
        RunStatus.OutcomeUnknown unknown = run.cost().outcomeUnknown();
        if (unknown != null) {
            line += "; "
                    + (run.state() == RunState.RUNNING
                            ? RunSummary.underWay(
                                    unknown.calls(), unknown.atMostUsd().toPlainString())
                            : RunSummary.outcomeUnknown(
                                    unknown.calls(), unknown.atMostUsd().toPlainString()));
        }
        line += batches(run.batches());
        RunStatus.Tests t = run.tests();
        if (t == null) {
            return line;
        }
        return line
                + String.format(
                        "; tests: %d passed of %d candidates (%d no gain, %d repaired, %d escalated), %s",
                        t.passed(),
                        t.candidates(),
                        t.noGain(),
                        t.repaired(),
                        t.escalated(),
                        run.cost().perPassingTest() == null
                                ? "no passing test yet"
                                : "$" + run.cost().perPassingTest() + " per passing test");
    }
}
