package dev.nightshift.sink.aggregate;

import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.aggregate.TestCounts;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What one write batch adds to the aggregates, summed in memory per aggregate key, so that each touched
 * aggregate is read, added to and written once per batch instead of once per entry (a poll of 500 results
 * touches every "all" and "tenant" aggregate 500 times). Entries are first summed by their {@link Facets}
 * (the values of every dimension at once: a batch has a few dozen distinct ones), and only those sums are
 * spread over the ~23 groups each counts in. Exact: costs are summed as {@link BigDecimal}.
 */
public final class AggregateDeltas {
    private final Map<Facets, Delta> byFacets = new HashMap<>();

    public void add(LedgerEntry e) {
        byFacets.computeIfAbsent(Facets.of(e), k -> new Delta()).add(e);
    }

    /** Visits each touched aggregate's store key and what the batch adds to it. */
    public void forEach(BiConsumer<byte[], Aggregate> visitor) {
        Map<Group, Delta> byGroup = new HashMap<>();
        byFacets.forEach((facets, delta) -> {
            for (AggregateScope scope : facets.scopes()) {
                for (Dimension d : scope.dimensions()) {
                    byGroup.computeIfAbsent(new Group(scope.key(), d, facets.value(d)), k -> new Delta())
                            .add(delta);
                }
            }
        });
        byGroup.forEach((g, delta) ->
                visitor.accept(AggregateKeys.aggregate(g.scope(), g.dimension(), g.value()), delta.toAggregate()));
    }

    /** The value of every dimension for one entry; the day as an epoch day, turned into text once per batch. */
    private record Facets(
            String run,
            String provider,
            String model,
            String task,
            String repository,
            String tenant,
            String language,
            String tier,
            long epochDay) {
        static Facets of(LedgerEntry e) {
            return new Facets(
                    Dimension.RUN.valueOf(e),
                    Dimension.PROVIDER.valueOf(e),
                    Dimension.MODEL.valueOf(e),
                    Dimension.TASK.valueOf(e),
                    Dimension.REPOSITORY.valueOf(e),
                    Dimension.TENANT.valueOf(e),
                    Dimension.LANGUAGE.valueOf(e),
                    Dimension.TIER.valueOf(e),
                    e.epochDay());
        }

        List<AggregateScope> scopes() {
            return List.of(AggregateScope.all(), AggregateScope.tenant(tenant), AggregateScope.run(run));
        }

        String value(Dimension d) {
            return switch (d) {
                case TOTAL -> "";
                case RUN -> run;
                case PROVIDER -> provider;
                case MODEL -> model;
                case TASK -> task;
                case REPOSITORY -> repository;
                case TENANT -> tenant;
                case LANGUAGE -> language;
                case TIER -> tier;
                case DAY -> LocalDate.ofEpochDay(epochDay).toString();
            };
        }
    }

    private record Group(String scope, Dimension dimension, String value) {}

    private static final class Delta {
        private long attempts;
        private long failed;
        private long billedFailed;
        private long uncached;
        private long cacheRead;
        private long cacheWrite;
        private long output;
        private BigDecimal cost = BigDecimal.ZERO;
        private final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        private BigDecimal testsUsd = BigDecimal.ZERO;
        private boolean tests;

        void add(LedgerEntry e) {
            boolean f = e.outcome() == Outcome.FAILED;
            attempts++;
            failed += f ? 1 : 0;
            billedFailed += f && e.billed() ? 1 : 0;
            uncached += e.usage().uncachedInputOrZero();
            cacheRead += e.usage().cacheReadInputOrZero();
            cacheWrite += e.usage().cacheWriteInputOrZero();
            output += e.usage().outputOrZero();
            cost = cost.add(e.cost().toBigDecimal());
            TestCounts t = TestCounts.of(e);
            // NONE is the instance for an entry with no tests; one whose counts and cost are zero still has tests
            @SuppressWarnings("ReferenceEquality")
            boolean hasTests = t != TestCounts.NONE;
            if (hasTests) {
                tests = true;
                if (e.verdict() != null) {
                    verdicts.merge(e.verdict(), 1L, Long::sum);
                }
                testsUsd = testsUsd.add(t.usd().toBigDecimal());
            }
        }

        void add(Delta o) {
            attempts += o.attempts;
            failed += o.failed;
            billedFailed += o.billedFailed;
            uncached += o.uncached;
            cacheRead += o.cacheRead;
            cacheWrite += o.cacheWrite;
            output += o.output;
            cost = cost.add(o.cost);
            if (o.tests) {
                tests = true;
                o.verdicts.forEach((v, n) -> verdicts.merge(v, n, Long::sum));
                testsUsd = testsUsd.add(o.testsUsd);
            }
        }

        Aggregate toAggregate() {
            TestCounts t = !tests
                    ? TestCounts.NONE
                    : new TestCounts(
                            count(Verdict.PASSED),
                            count(Verdict.NO_GAIN),
                            count(Verdict.BUILD_FAILED),
                            count(Verdict.FAILED),
                            count(Verdict.FLAKY),
                            count(Verdict.TIMEOUT),
                            count(Verdict.SANDBOX_VIOLATION),
                            count(Verdict.INFRASTRUCTURE),
                            Money.usd(testsUsd));
            return new Aggregate(
                    attempts, failed, billedFailed, uncached, cacheRead, cacheWrite, output, Money.usd(cost), t);
        }

        private long count(Verdict v) {
            return verdicts.getOrDefault(v, 0L);
        }
    }
}
