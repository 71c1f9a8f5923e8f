package dev.nightshift.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.LocalPipelineOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.Polling;
import dev.nightshift.app.cli.RepositoryTarget;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.ProviderKeys;
import dev.nightshift.app.run.RunCommand;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.EvaluationSpec;
import dev.nightshift.core.run.RunIds;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.ingest.IngestOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift eval <repo> --task tests|docs --models a,b,c}: the same stratified sample of the repository's
 * units sent to each candidate model (a run per model, on the model alone, never from the cache), every output
 * validated as a run's would be, and the figures per model × language compared: pass rate with its confidence
 * interval, coverage gained, cost per passing artifact, latency and repair rounds. The evaluation stays in the
 * sink ({@code GET /evaluations/:id}), and every attempt of it also feeds the routing statistics.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Send the same sample of a repository's units to several models and compare what passed, and at what cost.")
public final class EvalCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin
    RepositoryTarget target;

    @Option(
            names = "--models",
            required = true,
            split = ",",
            paramLabel = "PROVIDER/MODEL[,…]",
            description =
                    "The candidate models, e.g. deepseek/deepseek-chat,anthropic/claude-3-5-haiku,openai/gpt-4o-mini.")
    List<String> models;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "30",
            description = "Units in the sample, stratified by language and size (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Picks the sample; the same seed and commit pick the same units (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    OutputFormat output;

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
        List<ModelRef> candidates = candidates(config);
        if (sample < 1) {
            throw UserError.badInput("--sample " + sample + " must be at least 1");
        }
        local.check();
        target.check();
        RunCommand.requireSourceLooksReal(target.source());
        NightshiftHome home = NightshiftHome.resolve(env);
        Map<String, ApiKey> keys = ProviderKeys.resolve(config, env);
        boolean simulate = local.dryRun() || keys.isEmpty();
        PrintStream err = terminal.err();
        if (simulate) {
            err.println(
                    "dry run: calling the simulator, not the providers; its figures follow the simulator's model profiles.");
        }
        String evaluationId = "e-" + RunIds.newRunId(Instant.now()).substring(2);
        err.println("starting nightshift (state in " + home.root() + ") …");
        LocalPipeline.Builder builder = LocalPipeline.builder(config, home)
                .keys(keys)
                .simulate(simulate)
                .bootstrap(local.bootstrap())
                .routing(common.routerConfig(config))
                .ingestOptions(IngestOptions.fromEnvironment(env));
        try (LocalPipeline pipeline = builder.start()) {
            List<String> runIds = new ArrayList<>();
            long units = 0;
            for (ModelRef model : candidates) {
                String runId = RunIds.newRunId(Instant.now());
                RunPlanned plan = pipeline.ingest()
                        .submit(target.request(runId, local.tenant(), simulate, null)
                                .evaluating(new EvaluationSpec(evaluationId, model, sample, seed)));
                runIds.add(runId);
                units = plan.jobIds().size();
                err.printf(
                        "evaluation %s: %d %s units for %s (run %s)%n",
                        evaluationId, plan.jobIds().size(), target.task().id(), model, runId);
            }
            if (units == 0) {
                throw UserError.badInput("the repository has no unit to "
                        + target.task().id() + " to evaluate on; check the" + " path, --path and the ignore rules");
            }
            SinkDocuments sink = pipeline.sinkDocuments();
            awaitArms(sink, runIds, err, terminal.interactive());
            JsonNode report = sink.evaluation(evaluationId);
            if (output.document()) {
                output.print(terminal.out(), report);
            } else {
                EvaluationTable.print(terminal.out(), report);
            }
            terminal.out().flush();
            return 0;
        }
    }

    /** The candidate models, each configured; refuses an unknown one before anything starts. */
    private List<ModelRef> candidates(NightshiftConfig config) {
        LinkedHashSet<ModelRef> refs = new LinkedHashSet<>();
        for (String text : models) {
            ModelRef ref;
            try {
                ref = ModelRef.parse(text.trim());
                config.model(ref);
            } catch (IllegalArgumentException | ConfigException e) {
                throw UserError.badInput("--models: '" + text + "' is not a configured model (" + e.getMessage()
                        + "); name models as provider/model, e.g. " + String.join(",", configured(config)));
            }
            refs.add(ref);
        }
        return List.copyOf(refs);
    }

    private static List<String> configured(NightshiftConfig config) {
        List<String> names = new ArrayList<>();
        config.providers().forEach((id, p) -> p.models().keySet().forEach(m -> names.add(id + "/" + m)));
        names.sort(String::compareTo);
        return names;
    }

    private void awaitArms(SinkDocuments sink, List<String> runIds, PrintStream err, boolean interactive) {
        long deadline = System.nanoTime() + local.timeout().toNanos();
        String shown = "";
        while (System.nanoTime() < deadline) {
            long done = 0;
            long total = 0;
            int complete = 0;
            for (String runId : runIds) {
                JsonNode status = sink.run(runId).orElse(null);
                if (status == null) {
                    continue;
                }
                total += status.path("jobs").path("total").asLong(0);
                done += status.path("jobs").path("total").asLong(0)
                        - status.path("jobs").path("pending").asLong(0);
                complete += "completed".equals(status.path("state").asText()) ? 1 : 0;
            }
            String line = String.format("%d/%d units done over %d models", done, total, runIds.size());
            if (!line.equals(shown)) {
                err.print(interactive ? "\r" + line : line + System.lineSeparator());
                shown = line;
            }
            if (complete == runIds.size()) {
                if (interactive) {
                    err.println();
                }
                return;
            }
            Polling.pause(POLL);
        }
        throw UserError.failed("the evaluation did not finish within " + local.timeoutMinutes()
                + " minutes; raise --timeout, or" + " check its runs with 'nightshift status " + runIds.get(0) + "'");
    }
}
