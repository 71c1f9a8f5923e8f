package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.LiveProcess;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.kafka.RunControlPublisher;
import dev.nightshift.core.run.RunControl;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift cancel RUN}: ends a run for good. Its unfinished jobs end as cancelled and nothing more is called
 * for it; answers already under way are still booked. A run of this home is cancelled through the process running it,
 * or, when none is, through this home's own broker; with {@code --bootstrap}, a run on a cluster.
 */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "End a run for good: its unfinished jobs are cancelled, nothing more is called for it.")
public final class CancelCommand implements Callable<Integer> {
    static final String REASON = "nightshift cancel";
    private static final Duration SINK_SEES_IT = Duration.ofSeconds(60);

    @Parameters(index = "0", paramLabel = "RUN", description = "The run to cancel, as 'nightshift status' lists it.")
    String runId;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Cancel a run on the cluster whose Kafka this is (default: a run of this home).")
    String bootstrap;

    @Mixin
    OutputFormat output;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        Terminal terminal = parent.terminal();
        Map<String, String> env = terminal.env();
        if (bootstrap != null) {
            RunControlPublisher.publish(bootstrap, RunControl.cancelled(runId, 0, Instant.now(), REASON));
            terminal.err()
                    .println("run " + runId + ": cancellation recorded on the cluster at " + bootstrap
                            + "; its unfinished jobs end as cancelled ('nightshift status " + runId
                            + " --sink URL' shows it)");
            return 0;
        }
        NightshiftHome home = NightshiftHome.resolve(env);
        Optional<LiveProcess> live = LiveProcess.of(home);
        if (live.isPresent()) {
            return cancel(
                    new SinkDocuments(live.get().sinkUrl(), null), live.get().bootstrap(), terminal);
        }
        terminal.err().println("broker: starting this home's Kafka and sink (state in " + home.root() + ") …");
        try (LocalPipeline pipeline = LocalPipeline.builder(common.loadConfig(env), home)
                .simulate(true)
                .start()) {
            RunCommand.noteHalted(pipeline, terminal.err());
            return cancel(pipeline.sinkDocuments(), pipeline.bootstrap(), terminal);
        }
    }

    private int cancel(SinkDocuments sink, String kafka, Terminal terminal) {
        PrintStream err = terminal.err();
        JsonNode before = sink.run(runId)
                .orElseThrow(() -> UserError.badInput(
                        "this home has no run " + runId + "; 'nightshift status' lists the runs here"));
        String state = RunStanding.state(before);
        if (state.equals("completed") || state.equals("cancelled")) {
            err.println("run " + runId + " is already " + state + ": nothing to cancel");
            print(terminal, before);
            return 0;
        }
        RunControlPublisher.publish(
                kafka, RunControl.cancelled(runId, RunStanding.generation(before), Instant.now(), REASON));
        JsonNode after = RunStanding.await(
                        sink, runId, s -> RunStanding.state(s).equals("cancelled"), SINK_SEES_IT)
                .orElseThrow();
        if (!RunStanding.state(after).equals("cancelled")) {
            throw UserError.failed(
                    "run " + runId + ": the cancellation is recorded, but the sink has not applied it within "
                            + SINK_SEES_IT.toSeconds() + " s; 'nightshift status " + runId + "' shows when it has");
        }
        err.printf(
                "run %s cancelled: %d unfinished jobs cancelled, $%s spent%n",
                runId,
                after.path("jobs").path("cancelled").asLong()
                        - before.path("jobs").path("cancelled").asLong(),
                after.path("cost").path("usd").asText("0"));
        print(terminal, after);
        return 0;
    }

    private void print(Terminal terminal, JsonNode status) {
        if (output.document()) {
            output.printJson(terminal.out(), status.toString());
            terminal.out().flush();
        }
    }
}
