package dev.nightshift.app.run;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.Deadline;
import dev.nightshift.app.cli.DeadlineOptions;
import dev.nightshift.app.cli.LocalPipelineOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.RepositoryTarget;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.estimate.RunEstimator;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.metrics.Telemetry;
import dev.nightshift.app.report.ReportFile;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunIds;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.router.estimate.Estimate;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift run <repo> --task docs|tests}: the whole pipeline in this JVM on an embedded broker,
 * until every job of the run has reached a terminal state; then the artifacts land under {@code --out}, with the
 * run's report ({@value ReportFile#NAME}, one self-contained HTML page) beside them. Ctrl-C leaves the run interrupted
 * for {@code nightshift resume}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run a task over a repository in this JVM (embedded Kafka, all services) and write the artifacts.")
public final class RunCommand implements Callable<Integer> {
    /** A local run's metrics stay on this machine; {@code serve} is the mode for scrapers elsewhere. */
    private static final String METRICS_HOST = "127.0.0.1";

    @Mixin
    RepositoryTarget target;

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
    OutputFormat output;

    @Option(
            names = "--max-cost",
            paramLabel = "USD",
            converter = MoneyConverter.class,
            description =
                    "The run's budget in dollars: a run whose estimate exceeds it is refused; jobs beyond it are cancelled.")
    Money maxCost;

    @Option(
            names = "--force",
            description = "With --max-cost: run even when the estimate exceeds the budget (until it is spent).")
    boolean force;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while the run lasts (0 = any free port; off by default).")
    Integer metricsPort;

    @Mixin
    DeadlineOptions deadlineOptions;

    @Mixin
    LocalPipelineOptions local;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        Terminal terminal = parent.terminal();
        Map<String, String> env = terminal.env();
        NightshiftConfig config = common.loadConfig(env);
        local.check();
        Instant deadline = deadlineOptions.resolve();
        target.check();
        requireSourceLooksReal(target.source());
        RunPreflight.repository(target.source(), target.ref(), target.worktree());
        RunPreflight.metricsPort(metricsPort, METRICS_HOST);
        if (out != null) {
            OutputFolder.check(out.toAbsolutePath().normalize(), forceOut);
        }
        NightshiftHome home = NightshiftHome.resolve(env);
        Map<String, ApiKey> keys = ProviderKeys.resolve(config, env);
        boolean simulate = local.dryRun() || keys.isEmpty();
        PrintStream err = terminal.err();
        String runId = RunIds.newRunId(Instant.now());
        Path outDir = (out != null ? out : Path.of("nightshift-out", runId))
                .toAbsolutePath()
                .normalize();
        if (deadline != null) {
            err.println("deadline: " + Deadline.describe(deadline, java.time.ZoneId.systemDefault())
                    + ": jobs that can wait go to the providers' batch APIs at batch prices, the rest are called"
                    + " at once");
        }
        if (maxCost != null) {
            refuseIfOverBudget(config, home, env, runId, deadline, err);
        }
        if (simulate) {
            err.println(
                    local.dryRun()
                            ? "dry run (--dry-run): calling the simulator, not the providers."
                            : "dry run: no provider key is set (" + String.join(", ", ProviderKeys.variables(config))
                                    + "), so nightshift calls its simulator instead of the providers.");
            err.println("  artifacts are marked simulated; costs are what the configured prices would have charged.");
        } else {
            warnAboutMissingKeys(config, keys, err);
        }
        err.println("broker: starting Kafka and the services (state in " + home.root() + ") …");
        LocalPipeline.Builder builder = LocalPipeline.builder(config, home)
                .keys(keys)
                .simulate(simulate)
                .bootstrap(local.bootstrap())
                .routing(common.routerConfig(config))
                .ingestOptions(IngestOptions.fromEnvironment(env));
        if (metricsPort != null) {
            builder.serveMetrics(Telemetry.registry("all"), METRICS_HOST, metricsPort);
        }
        try (LocalPipeline pipeline = builder.start()) {
            pipeline.metricsPort()
                    .ifPresent(port -> err.println("metrics on http://" + METRICS_HOST + ":" + port + "/metrics"));
            noteHalted(pipeline, err);
            err.println("ingest: planning the run …");
            RunRequest request =
                    target.request(runId, local.tenant(), simulate, maxCost).withDeadline(deadline);
            new RunRequests(home).save(request);
            RunPlanned plan = pipeline.ingest().submit(request);
            err.printf(
                    "jobs: run %s: %d %s jobs planned for %s at %s%s (%d files skipped)%n",
                    runId,
                    plan.jobIds().size(),
                    target.task().id(),
                    plan.repository(),
                    target.worktree() ? "the working tree on " : "",
                    shortCommit(plan.commit()),
                    plan.skipped().size());
            noteSameWorkInterrupted(pipeline.sinkDocuments(), plan, err);
            return new RunDriver(pipeline, terminal, output, local.timeout()).drive(runId, 0, outDir);
        }
    }

    /**
     * An interrupted run of the same repository, commit and task is the same work: what it answered comes from the
     * artifact cache here at $0, and the rest could have been its resume. People are told, not asked, so scripts and
     * overnight jobs never wait on a question.
     */
    private static void noteSameWorkInterrupted(SinkDocuments sink, RunPlanned plan, PrintStream err) {
        for (com.fasterxml.jackson.databind.JsonNode run : sink.runsIn("interrupted")) {
            if (!run.path("runId").asText().equals(plan.runId())
                    && run.path("repository").asText().equals(plan.repository())
                    && run.path("commit").asText().equals(plan.commit())
                    && run.path("task").asText().equals(plan.task().id())) {
                String other = run.path("runId").asText();
                err.println("note: run " + other
                        + " (interrupted) is the same work; what it answered is served from the "
                        + "cache here at $0 — 'nightshift resume " + other + "' would have gone on with it instead");
            }
        }
    }

    /** Tells people about runs found unfinished in this home (their process died): they are interrupted now. */
    static void noteHalted(LocalPipeline pipeline, PrintStream err) {
        for (String halted : pipeline.haltedOnStart()) {
            err.println("note: run " + halted + " was left unfinished by a process that stopped; it is interrupted now "
                    + "('nightshift resume " + halted + "' goes on with it, 'nightshift cancel " + halted
                    + "' ends it)");
        }
    }

    /**
     * {@code --max-cost} uses the same estimate as {@code nightshift estimate} to refuse a run that cannot fit; with a
     * deadline, the jobs that would go to provider batches at their batch price, as the router will hold them.
     */
    private void refuseIfOverBudget(
            NightshiftConfig config,
            NightshiftHome home,
            Map<String, String> env,
            String runId,
            Instant deadline,
            PrintStream err) {
        Estimate estimate = new RunEstimator(config, common.routerConfig(config), home.repositories(), env)
                .estimate(target.request(runId, local.tenant(), true, null).withDeadline(deadline));
        Money expected = estimate.expectedUsd();
        if (expected.exceeds(maxCost)) {
            if (!force) {
                throw UserError.badInput("the estimate for this run is $" + expected + ", over --max-cost $" + maxCost
                        + "; raise --max-cost, or add --force to run until the budget is spent");
            }
            err.println("the estimate $" + expected + " exceeds --max-cost $" + maxCost
                    + " (--force): jobs beyond the budget will be cancelled");
        } else {
            err.println("estimate $" + expected + " fits --max-cost $" + maxCost);
        }
    }

    public static void requireSourceLooksReal(String source) {
        boolean url = source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || source.matches("^[^/\\s]+@[^:\\s]+:.*");
        if (!url && !Files.exists(Path.of(source))) {
            throw UserError.badInput(
                    "repository '" + source + "' does not exist; pass the path of a git repository or a URL to clone");
        }
    }

    private static void warnAboutMissingKeys(NightshiftConfig config, Map<String, ApiKey> keys, PrintStream err) {
        config.providers().forEach((id, p) -> {
            if (!keys.containsKey(id)) {
                err.println("note: no key for provider '" + id + "' (" + p.apiKeyEnv()
                        + "); jobs routed there will fail as unauthorized.");
            }
        });
    }

    private static String shortCommit(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(12, commit.length()));
    }
}
