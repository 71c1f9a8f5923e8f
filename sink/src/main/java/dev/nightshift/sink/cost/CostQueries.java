package dev.nightshift.sink.cost;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.money.Money;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.query.RunStatus;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers {@link CostQuery}s: from the aggregates kept per run, per tenant and overall when the question
 * only narrows by run or tenant (a prefix read, fast at any ledger size), otherwise by scanning the
 * ledger (of one run when a run is given) and summing exactly.
 */
public final class CostQueries {
    private final SinkQueries queries;

    public CostQueries(SinkQueries queries) {
        this.queries = queries;
    }

    /**
     * @param principalTenant the caller's tenant ({@code null} = may see all); it overrides the query's tenant
     */
    public CostReport answer(CostQuery asked, String principalTenant) {
        CostQuery q = principalTenant == null ? asked : asked.withTenant(principalTenant);
        if (q.run() != null) {
            queries.visibleRun(q.run(), q.tenant());
        }
        boolean byAggregates = q.answeredByAggregates();
        Map<String, Aggregate> groups = byAggregates ? fromAggregates(q) : fromLedger(q);
        Aggregate total = groups.values().stream().reduce(Aggregate.EMPTY, Aggregate::plus);
        if (byAggregates
                && (q.by() == Dimension.LANGUAGE || q.by() == Dimension.TIER)
                && total.attempts() != queries.total(scope(q)).attempts()) {
            // entries recorded before languages (or tiers) were kept are in no such aggregate: sum the ledger instead
            byAggregates = false;
            groups = fromLedger(q);
            total = groups.values().stream().reduce(Aggregate.EMPTY, Aggregate::plus);
        }
        List<CostReport.Row> rows = groups.entrySet().stream()
                .map(e -> CostReport.Row.of(e.getKey(), e.getValue()))
                .toList();
        return new CostReport(
                q.by(),
                q,
                byAggregates ? "aggregates" : "ledger",
                rows,
                CostReport.Row.of("total", total),
                outcomeUnknown(q));
    }

    /** The open calls the query covers (see {@code AttemptCalls}); {@code null} when there are none. */
    private RunStatus.OutcomeUnknown outcomeUnknown(CostQuery q) {
        Map<String, Optional<RunRecord>> runs = new HashMap<>();
        long calls = 0;
        Money atMost = Money.ZERO;
        for (CallStarted call : queries.openCalls(q.run())) {
            Optional<RunRecord> run = runs.computeIfAbsent(call.runId(), queries::run);
            String tenant = run.map(RunRecord::tenant).orElse("default");
            LocalDate day = call.startedAt().atZone(ZoneOffset.UTC).toLocalDate();
            boolean covered = (q.tenant() == null || q.tenant().equals(tenant))
                    && (q.provider() == null || q.provider().equals(call.provider()))
                    && (q.model() == null
                            || q.model().equals(call.provider() + "/" + call.model())
                            || q.model().equals(call.model()))
                    && (q.task() == null
                            || run.map(r -> r.task() != null
                                            && q.task()
                                                    .equalsIgnoreCase(r.task().id()))
                                    .orElse(false))
                    && (q.repository() == null
                            || run.map(r -> q.repository().equals(r.repository()))
                                    .orElse(false))
                    && (q.from() == null || !day.isBefore(q.from()))
                    && (q.to() == null || !day.isAfter(q.to()));
            if (covered) {
                calls++;
                atMost = atMost.plus(call.costBound());
            }
        }
        return calls == 0 ? null : new RunStatus.OutcomeUnknown(calls, atMost);
    }

    private static AggregateScope scope(CostQuery q) {
        return q.run() != null
                ? AggregateScope.run(q.run())
                : q.tenant() != null ? AggregateScope.tenant(q.tenant()) : AggregateScope.all();
    }

    private Map<String, Aggregate> fromAggregates(CostQuery q) {
        AggregateScope scope = scope(q);
        if (!scope.dimensions().contains(q.by())) {
            // e.g. by=tenant within one tenant: the one group is the scope's total
            return new TreeMap<>(Map.of(q.tenant(), queries.total(scope)));
        }
        return new TreeMap<>(queries.aggregates(scope, q.by()));
    }

    private Map<String, Aggregate> fromLedger(CostQuery q) {
        Map<String, Aggregate> groups = new TreeMap<>();
        java.util.function.Consumer<dev.nightshift.sinkapi.ledger.LedgerEntry> add = e -> {
            if (q.matches(e)) {
                groups.merge(q.by() == Dimension.TOTAL ? "" : q.by().valueOf(e), Aggregate.of(e), Aggregate::plus);
            }
        };
        if (q.run() != null) {
            queries.ledger(q.run(), q.tenant(), add);
        } else {
            queries.ledgerAll(q.tenant(), add);
        }
        return groups;
    }
}
