package dev.nightshift.app.estimate;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.DeadlineOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.RepositoryTarget;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.run.RunIds;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.router.estimate.Estimate;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift estimate}: plans a run and prices it per model, beside one baseline model, spending nothing. */
@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        description =
                "Plan a run and show what it would cost per model, beside a single baseline model. Calls no provider.")
public final class EstimateCommand implements Callable<Integer> {
    @Mixin
    RepositoryTarget target;

    @Mixin
    DeadlineOptions deadlineOptions;

    @Mixin
    OutputFormat output;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        Terminal terminal = parent.terminal();
        Instant deadline = deadlineOptions.resolve();
        target.check();
        NightshiftConfig config = common.loadConfig(terminal.env());
        RunRequest request =
                target.request(RunIds.newRunId(Instant.now()), null, true, null).withDeadline(deadline);
        Estimate estimate = new RunEstimator(
                        config,
                        common.routerConfig(config),
                        NightshiftHome.resolve(terminal.env()).repositories(),
                        terminal.env())
                .estimate(request);
        if (output.document()) {
            output.printJson(terminal.out(), estimate.toJson());
        } else {
            print(terminal.out(), estimate);
        }
        return 0;
    }

    static void print(PrintStream out, Estimate e) {
        out.printf("%-36s %6s %12s %12s %14s%n", "model", "jobs", "input tok", "output tok", "dollars");
        new TreeMap<>(byName(e))
                .forEach((name, m) -> out.printf(
                        "%-36s %6d %12d %12d %14s%n",
                        name,
                        m.jobs(),
                        m.inputTokens(),
                        m.outputTokens(),
                        "$" + m.usd().toPlainString()));
        out.printf(
                "%-36s %6d %12d %12d %14s%n",
                "total",
                e.jobs(),
                e.inputTokens(),
                e.outputTokens(),
                "$" + e.usd().toPlainString());
        out.printf(
                "%-36s %6d %12d %12d %14s%n",
                "baseline: all on " + e.baseline(),
                e.jobs(),
                e.inputTokens(),
                e.outputTokens(),
                "$" + e.baselineUsd().toPlainString());
        e.savingRatio().ifPresent(r -> out.printf("the plan costs 1/%s of the baseline%n", r.toPlainString()));
        if (e.unroutable() > 0) {
            out.printf("%d jobs fit no model and would fail at once (no cost)%n", e.unroutable());
        }
        if (e.batchShare() != null) {
            out.printf(
                    "synchronous $%s · with the deadline: $%s (%d of %d jobs in provider batches at batch prices)%n",
                    e.usd().toPlainString(),
                    e.batchShare().usd().toPlainString(),
                    e.batchShare().batchJobs(),
                    e.jobs());
        }
    }

    private static Map<String, dev.nightshift.router.estimate.ModelEstimate> byName(Estimate e) {
        Map<String, dev.nightshift.router.estimate.ModelEstimate> m = new TreeMap<>();
        e.byModel().forEach((ref, est) -> m.put(ref.toString(), est));
        return m;
    }
}
