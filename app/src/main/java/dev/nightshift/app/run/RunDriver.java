package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.Polling;
import dev.nightshift.app.cli.StopRequests;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.report.ReportFile;
import dev.nightshift.core.kafka.RunControlPublisher;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Takes a local run from its published jobs to its end, for {@code run} and {@code resume} alike: shows progress,
 * and then either writes the artifacts and the report (completed), or halts the run on Ctrl-C or at {@code --timeout}
 * (interrupted, to be resumed), or reports that someone cancelled it.
 */
final class RunDriver {
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a stop waits for the calls under way; beyond it the call's answer is booked on resume, if it comes. */
    private static final Duration CALLS_UNDER_WAY = Duration.ofMinutes(5);

    private static final Duration BOOKING = Duration.ofSeconds(30);

    private final LocalPipeline pipeline;
    private final Terminal terminal;
    private final OutputFormat output;
    private final Duration timeout;

    RunDriver(LocalPipeline pipeline, Terminal terminal, OutputFormat output, Duration timeout) {
        this.pipeline = pipeline;
        this.terminal = terminal;
        this.output = output;
        this.timeout = timeout;
    }

    /** @param generation the generation of the run's jobs just published (0 for a new run, one more per resume) */
    int drive(String runId, int generation, Path outDir) {
        PrintStream err = terminal.err();
        SinkDocuments sink = pipeline.sinkDocuments();
        try (StopRequests stops = StopRequests.install(err)) {
            RunProgress progress = new RunProgress(err, terminal.interactive());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Optional<JsonNode> status = sink.run(runId);
                if (status.isPresent()) {
                    progress.show(status.get());
                    String state = status.get().path("state").asText();
                    if (state.equals("completed")) {
                        progress.finish();
                        return completed(sink, runId, status.get(), outDir);
                    }
                    if (state.equals("cancelled")) {
                        progress.finish();
                        return cancelled(runId, status.get());
                    }
                }
                if (stops.requested()) {
                    progress.finish();
                    return interrupted(runId, halt(sink, runId, generation, "Ctrl-C"));
                }
                if (System.nanoTime() > deadline) {
                    progress.finish();
                    halt(sink, runId, generation, "--timeout " + timeout.toMinutes() + " minutes");
                    throw UserError.failed(
                            "run " + runId + " did not finish within " + timeout.toMinutes() + " minutes; it is "
                                    + "interrupted: resume it with 'nightshift resume " + runId
                                    + "' (a larger --timeout gives it "
                                    + "longer), or check provider limits with 'nightshift jobs " + runId + " --why'");
                }
                Polling.pause(POLL);
            }
        }
    }

    /**
     * Stops the run: nothing new starts, the calls under way finish and are booked, and the sink records the run as
     * interrupted. Returns its status then.
     */
    private JsonNode halt(SinkDocuments sink, String runId, int generation, String reason) {
        PrintStream err = terminal.err();
        RunControlPublisher.publish(
                pipeline.bootstrap(), RunControl.interrupted(runId, generation, Instant.now(), reason));
        long until = System.nanoTime() + CALLS_UNDER_WAY.toNanos();
        int held = pipeline.callsUnderWay();
        if (held > 0) {
            err.println("waiting for " + held + " call" + (held == 1 ? "" : "s") + " under way …");
        }
        while (pipeline.callsUnderWay() > 0 && System.nanoTime() < until) {
            Polling.pause(Duration.ofMillis(100));
        }
        GroupCatchUp.await(
                pipeline.bootstrap(), Topics.SINK_GROUP, Set.of(Topics.RESULTS, Topics.RUN_CONTROL), BOOKING);
        long booked = System.nanoTime() + BOOKING.toNanos();
        JsonNode status = sink.run(runId).orElseThrow();
        while (status.path("state").asText().matches("planned|running") && System.nanoTime() < booked) {
            Polling.pause(Duration.ofMillis(100));
            status = sink.run(runId).orElseThrow();
        }
        return status;
    }

    private int interrupted(String runId, JsonNode status) {
        PrintStream human = output.document() ? terminal.err() : terminal.out();
        JsonNode jobs = status.path("jobs");
        long total = jobs.path("total").asLong();
        human.printf(
                "run %s interrupted: %d of %d jobs done, $%s spent.%n",
                runId,
                total - jobs.path("pending").asLong(),
                total,
                status.path("cost").path("usd").asText("0"));
        human.println("  resume it (jobs already answered are not paid again): nightshift resume " + runId);
        human.println("  or end it for good:                                  nightshift cancel " + runId);
        if (output.document()) {
            ObjectNode summary = RunSummary.json(
                    runId, status, null, status.path("simulated").asBoolean());
            summary.put("state", status.path("state").asText());
            output.printJson(terminal.out(), summary.toString());
        }
        terminal.out().flush();
        return StopRequests.EXIT_CODE;
    }

    private int cancelled(String runId, JsonNode status) {
        String reason = status.path("control").path("reason").asText("cancelled");
        throw UserError.failed("run " + runId + " was cancelled (" + reason + "): "
                + status.path("jobs").path("cancelled").asLong() + " jobs cancelled, $"
                + status.path("cost").path("usd").asText("0")
                + " spent; 'nightshift export " + runId + "' writes what it delivered");
    }

    private int completed(SinkDocuments sink, String runId, JsonNode status, Path outDir) {
        PrintStream err = terminal.err();
        int artifacts = new ArtifactWriter(outDir).writeAll(new HttpArtifactSource(pipeline.sinkUrl(), null, runId));
        Optional<Path> report = writeReport(sink, runId, outDir, err);
        ObjectNode summary = RunSummary.json(runId, status, outDir, pipeline.simulated());
        report.ifPresent(path -> summary.put("report", path.toString()));
        // With -o json stdout is the JSON alone, so it pipes; the summary for people moves to stderr.
        PrintStream human = output.document() ? err : terminal.out();
        RunSummary.print(human, summary, artifacts);
        report.ifPresent(path -> human.println("  report: " + path));
        if (output.document()) {
            output.printJson(terminal.out(), summary.toString());
        }
        terminal.out().flush();
        return 0;
    }

    /**
     * The run's report beside its artifacts: the sink's own page, so it is the one {@code nightshift report} and the
     * API give. The artifacts are what the run is for, so a report that cannot be written is a warning, not a failure.
     */
    private static Optional<Path> writeReport(SinkDocuments sink, String runId, Path outDir, PrintStream err) {
        try {
            return Optional.of(
                    ReportFile.write(ReportFile.besideArtifacts(outDir), sink.getText("/report/runs/" + runId), true));
        } catch (UserError e) {
            err.println("warning: no report written: " + e.getMessage());
            return Optional.empty();
        }
    }
}
