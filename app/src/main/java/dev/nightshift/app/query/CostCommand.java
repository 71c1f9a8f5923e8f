package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift cost}: what runs cost, grouped and filtered, from the ledger (exact dollars). */
@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description =
                "Show what runs cost, grouped by model, task, language, provider, tier, day, repository, tenant or run.")
public final class CostCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "RUN", description = "Only this run.")
    String run;

    @Option(
            names = "--by",
            paramLabel = "DIMENSION",
            defaultValue = "model",
            description =
                    "Group by model, task, language, provider, tier (standard or batch), day, repository, tenant, run or total (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(
            names = "--per-passing-test",
            description =
                    "Add each group's passed tests and its test dollars per passing test (a model's row: what its attempts cost per test it delivered).")
    boolean perPassingTest;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's runs.")
    String tenant;

    @Option(names = "--provider", paramLabel = "PROVIDER", description = "Only attempts on this provider.")
    String provider;

    @Option(names = "--model", paramLabel = "PROVIDER/MODEL", description = "Only attempts on this model.")
    String model;

    @Option(names = "--task", paramLabel = "TASK", description = "Only this task (docs, tests).")
    String task;

    @Option(names = "--repository", paramLabel = "REPO", description = "Only runs over this repository.")
    String repository;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description = "Only attempts finished on or after this UTC day.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            description = "Only attempts finished on or before this UTC day.")
    String to;

    @Mixin
    OutputFormat output;

    @Mixin
    SinkAccess sink;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        CostQuery query = query();
        CostReport report;
        try (SinkReader reader = sink.open(parent.terminal())) {
            report = reader.cost(query);
        }
        if (output.document()) {
            output.print(parent.terminal().out(), report);
        } else {
            parent.terminal().out().print(CostTable.render(report, perPassingTest));
        }
        parent.terminal().out().flush();
        return 0;
    }

    private CostQuery query() {
        Dimension dimension;
        try {
            dimension = Dimension.parse(by);
        } catch (IllegalArgumentException e) {
            throw UserError.badInput("--by '" + by + "': " + e.getMessage());
        }
        LocalDate fromDay = day("--from", from);
        LocalDate toDay = day("--to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw UserError.badInput(
                    "--to " + toDay + " is before --from " + fromDay + "; give the earlier day with --from");
        }
        return new CostQuery(
                dimension,
                blank(run),
                blank(tenant),
                blank(provider),
                blank(model),
                blank(task),
                blank(repository),
                fromDay,
                toDay);
    }

    private static LocalDate day(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw UserError.badInput(
                    option + " '" + text + "' is not a day; write it as YYYY-MM-DD (UTC), e.g. 2026-11-30");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
