package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.TimeoutOption;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.LiveProcess;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.RunControlPublisher;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.ingest.IngestException;
import dev.nightshift.ingest.IngestOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift resume RUN}: goes on with a run of this home that was interrupted (Ctrl-C, {@code --timeout}, or a
 * process that died). Jobs already answered are not called again: the run is planned again at its commit and only its
 * unfinished jobs are published, as the run's next generation; answers still on their way when it stopped are booked
 * (and validated) first, so they are not paid for twice.
 */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Go on with an interrupted run of this home: only its unfinished jobs are called.")
public final class ResumeCommand implements Callable<Integer> {
    private static final Duration BOOKING = Duration.ofMinutes(2);
    private static final Duration SINK_SEES_IT = Duration.ofSeconds(30);

    @Parameters(index = "0", paramLabel = "RUN", description = "The run to resume, as 'nightshift status' lists it.")
    String runId;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write artifacts (default: nightshift-out/<runId>).")
    Path out;

    @Option(
            names = "--force-out",
            description =
                    "Write into --out even when it is a non-empty folder that is not an earlier nightshift output.")
    boolean forceOut;

    @Mixin
    TimeoutOption timeout;

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
        NightshiftConfig config = common.loadConfig(env);
        timeout.check();
        Path outDir = (out != null ? out : Path.of("nightshift-out", runId))
                .toAbsolutePath()
                .normalize();
        OutputFolder.check(outDir, forceOut);
        NightshiftHome home = NightshiftHome.resolve(env);
        RunRequest request = new RunRequests(home)
                .load(runId)
                .orElseThrow(() -> UserError.badInput("run " + runId + " was not started from this home (" + home.root()
                        + "); 'nightshift status' lists the runs here"));
        LiveProcess.of(home).ifPresent(live -> {
            throw UserError.badInput("another nightshift process (pid " + live.pid()
                    + ") is using this home; wait for it " + "to end, or stop it with Ctrl-C, then resume");
        });
        Map<String, ApiKey> keys = ProviderKeys.resolve(config, env);
        if (!request.simulated() && keys.isEmpty()) {
            throw UserError.badInput("run " + runId + " called the providers; set their keys ("
                    + String.join(", ", ProviderKeys.variables(config)) + ") to resume it");
        }
        PrintStream err = terminal.err();
        err.println("broker: starting Kafka and the services (state in " + home.root() + ") …");
        try (LocalPipeline pipeline = LocalPipeline.builder(config, home)
                .keys(keys)
                .simulate(request.simulated())
                .routing(common.routerConfig(config))
                .ingestOptions(IngestOptions.fromEnvironment(env))
                .start()) {
            RunCommand.noteHalted(pipeline, err);
            JsonNode status = settled(pipeline);
            String state = RunStanding.state(status);
            if (state.equals("completed")) {
                err.println("run " + runId + " is complete: nothing to resume ('nightshift export " + runId
                        + " --to DIR' writes its artifacts)");
                return 0;
            }
            if (state.equals("cancelled")) {
                throw UserError.badInput("run " + runId + " was cancelled and cannot be resumed; start a new run");
            }
            Set<String> unfinished = RunStanding.unfinished(pipeline.sinkDocuments(), runId);
            int generation = RunStanding.generation(status) + 1;
            RunRequest again = pinned(request, status);
            RunControlPublisher.publish(pipeline.bootstrap(), RunControl.resumed(runId, generation, Instant.now()));
            RunStanding.await(
                    pipeline.sinkDocuments(), runId, s -> RunStanding.generation(s) == generation, SINK_SEES_IT);
            err.println("ingest: planning run " + runId + " again at "
                    + status.path("commit").asText() + " …");
            try {
                pipeline.ingest().resume(again, unfinished, generation);
            } catch (IngestException e) {
                RunControlPublisher.publish(
                        pipeline.bootstrap(),
                        RunControl.interrupted(runId, generation, Instant.now(), "could not be resumed"));
                throw UserError.badInput("run " + runId + " cannot be resumed: " + e.getMessage());
            }
            err.printf(
                    "jobs: %d unfinished jobs of run %s published again (generation %d)%n",
                    unfinished.size(), runId, generation);
            return new RunDriver(pipeline, terminal, output, timeout.duration()).drive(runId, generation, outDir);
        }
    }

    /**
     * The run's status once every answer that was on its way has been validated and booked: a job answered just
     * before the run stopped then counts as done, and is not called again.
     */
    private JsonNode settled(LocalPipeline pipeline) {
        String bootstrap = pipeline.bootstrap();
        if (!GroupCatchUp.await(bootstrap, Topics.VALIDATOR_GROUP, Set.of(Topics.VALIDATE), timeout.duration())) {
            throw UserError.failed("answers of run " + runId + " are still being validated after " + timeout.minutes()
                    + " minutes; try again later");
        }
        GroupCatchUp.await(
                bootstrap, Topics.SINK_GROUP, Set.of(Topics.RESULTS, Topics.RUNS, Topics.RUN_CONTROL), BOOKING);
        return pipeline.sinkDocuments()
                .run(runId)
                .orElseThrow(() -> UserError.badInput(
                        "this home's sink has no run " + runId + "; 'nightshift status' lists the runs here"));
    }

    /**
     * The request as it was, at the commit the run was planned at (a branch may have moved since), with what is left
     * of its budget.
     */
    private RunRequest pinned(RunRequest request, JsonNode status) {
        String commit = status.path("commit").asText(null);
        String ref = request.worktree() || commit == null || commit.isBlank() ? request.ref() : commit;
        Money budget = request.maxCost();
        if (budget != null) {
            Money left = budget.minus(Money.usd(status.path("cost").path("usd").asText("0")));
            if (left.isNegative() || left.isZero()) {
                throw UserError.badInput("run " + runId + " has spent its budget ($" + budget
                        + "); start a new run with a" + " larger --max-cost");
            }
            budget = left;
        }
        return new RunRequest(
                request.runId(),
                request.tenant(),
                request.source(),
                ref,
                request.task(),
                request.simulated(),
                budget,
                request.worktree(),
                request.scope(),
                request.includeTests(),
                request.evaluation());
    }
}
