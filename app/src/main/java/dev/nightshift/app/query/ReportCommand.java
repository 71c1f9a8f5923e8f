package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.report.ReportFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift report RUN [--out FILE]}: the run's report as one HTML file that opens in any browser without a
 * network (Chart.js and the data are inside it) — the very page the sink serves at {@code /report/runs/RUN}, made
 * from the local store or fetched from {@code --sink URL}. {@code --evaluation ID} writes an evaluation's instead.
 * Prints the file's path.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Write a run's (or an evaluation's) report as one self-contained HTML file and print its path.")
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run to report on.")
    String runId;

    @Option(names = "--evaluation", paramLabel = "ID", description = "Report on this evaluation instead of a run.")
    String evaluationId;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the page (default: nightshift-out/<RUN or ID>/" + ReportFile.NAME + ").")
    Path out;

    @Mixin
    SinkAccess sink;

    @Mixin
    OutputFormat output;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        boolean run = runId != null && !runId.isBlank();
        boolean evaluation = evaluationId != null && !evaluationId.isBlank();
        if (run == evaluation) {
            throw UserError.badInput(
                    run
                            ? "name a run or --evaluation ID, not both"
                            : "name the run to report on (nightshift report RUN), or an evaluation with --evaluation ID");
        }
        String id = run ? runId.trim() : evaluationId.trim();
        Path file = out != null ? out : ReportFile.defaultFor(id);
        String html;
        try (SinkReader reader = sink.open(parent.terminal())) {
            html = run ? reader.runReport(id) : reader.evaluationReport(id);
        }
        Path written = ReportFile.write(file, html, false);
        PrintStream stdout = parent.terminal().out();
        if (output.document()) {
            output.print(stdout, java.util.Map.of(run ? "runId" : "evaluationId", id, "report", written.toString()));
        } else {
            stdout.println(written);
        }
        stdout.flush();
        return 0;
    }
}
