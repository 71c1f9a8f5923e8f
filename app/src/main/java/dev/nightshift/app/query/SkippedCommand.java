package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift skipped RUN}: the files the plan left out, and the rule that left each out. */
@Command(
        name = "skipped",
        mixinStandardHelpOptions = true,
        description = "List the files a run skipped, with the rule that skipped each.")
public final class SkippedCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run whose skipped files to list.")
    String runId;

    @Mixin
    OutputFormat output;

    @Mixin
    SinkAccess sink;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        List<SkippedFile> skipped;
        try (SinkReader reader = sink.open(parent.terminal())) {
            skipped = reader.status(runId.trim()).skipped();
        }
        PrintStream out = parent.terminal().out();
        if (output.document()) {
            output.print(out, skipped == null ? List.of() : skipped);
        } else if (skipped != null) {
            int width = skipped.stream().mapToInt(f -> f.path().length()).max().orElse(0);
            skipped.forEach(f -> out.printf("%-" + width + "s  %s%n", f.path(), f.reason()));
        }
        out.flush();
        return 0;
    }
}
