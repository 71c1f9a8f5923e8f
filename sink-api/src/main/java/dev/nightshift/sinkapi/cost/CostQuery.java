package dev.nightshift.sinkapi.cost;

import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * A cost question: group by one dimension, optionally restricted to a run, tenant, provider, model, task,
 * repository and a range of UTC days (inclusive). Built from HTTP query parameters or by the CLI.
 */
public record CostQuery(
        Dimension by,
        String run,
        String tenant,
        String provider,
        String model,
        String task,
        String repository,
        LocalDate from,
        LocalDate to) {
    public CostQuery {
        by = by == null ? Dimension.MODEL : by;
    }

    public static CostQuery parse(Function<String, String> param) {
        String by = param.apply("by");
        return new CostQuery(
                by == null || by.isBlank() ? Dimension.MODEL : Dimension.parse(by),
                blank(param.apply("run")),
                blank(param.apply("tenant")),
                blank(param.apply("provider")),
                blank(param.apply("model")),
                blank(param.apply("task")),
                blank(param.apply("repository")),
                day("from", param.apply("from")),
                day("to", param.apply("to")));
    }

    public static CostQuery parse(Map<String, String> params) {
        return parse(params::get);
    }

    public CostQuery withTenant(String t) {
        return new CostQuery(by, run, t, provider, model, task, repository, from, to);
    }

    /** True when kept aggregates answer it (only run/tenant narrow it); otherwise the ledger is scanned. */
    public boolean answeredByAggregates() {
        return provider == null
                && model == null
                && task == null
                && repository == null
                && from == null
                && to == null
                && !(run != null && (by == Dimension.RUN || by == Dimension.TENANT || by == Dimension.REPOSITORY));
    }

    public boolean matches(LedgerEntry e) {
        return (run == null || run.equals(e.runId()))
                && (tenant == null || tenant.equals(e.tenant()))
                && (provider == null || provider.equals(e.provider()))
                && (model == null || model.equals(e.model()))
                && (task == null
                        || (e.task() != null && task.equalsIgnoreCase(e.task().id())))
                && (repository == null || repository.equals(e.repository()))
                && (from == null || !e.day().isBefore(from))
                && (to == null || !e.day().isAfter(to));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static LocalDate day(String name, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + "='" + s + "' is not a day; write it as YYYY-MM-DD (UTC)");
        }
    }
}
