package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift ledger --run R}: one line per attempt of the run, billed failures included, to stdout. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = "Write a run's cost ledger (one entry per attempt) to standard output, as CSV or JSON Lines.")
public final class LedgerCommand implements Callable<Integer> {
    /** The formats as the user types them; picocli lists them in its error for anything else. */
    enum Format {
        csv(LedgerFormat.CSV),
        jsonl(LedgerFormat.JSONL);

        final LedgerFormat format;

        Format(LedgerFormat format) {
            this.format = format;
        }
    }

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "The run.")
    String run;

    @Option(
            names = "--format",
            paramLabel = "csv|jsonl",
            defaultValue = "csv",
            description =
                    "csv (a header, then one row per attempt) or jsonl (one JSON object per line). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    SinkAccess sink;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        PrintStream out = parent.terminal().out();
        try (SinkReader reader = sink.open(parent.terminal())) {
            reader.ledger(run.trim(), format.format, out);
        }
        out.flush();
        return 0;
    }
}
