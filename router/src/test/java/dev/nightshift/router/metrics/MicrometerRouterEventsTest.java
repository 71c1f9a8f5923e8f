package dev.nightshift.router.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.engine.RouterEngine;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RoutingPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerRouterEventsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerRouterEvents events = new MicrometerRouterEvents(registry);

    private RouterEngine engine() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        return new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                new BudgetLedger(BudgetSettings.UNLIMITED),
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW),
                events);
    }

    @Test
    void countsRoutedJobsAndPublishesARunsBudgetSpendAndRemainder() {
        // Given a run with a one-dollar budget
        RouterEngine engine = engine();
        engine.onRunBudget("r-20261130-030000-abcd", "acme", Money.usd("1.00"));

        // When two of its jobs are routed
        engine.onJob(Jobs.job("r-20261130-030000-abcd", "A.java", TaskType.TESTS, 1_000));
        engine.onJob(Jobs.job("r-20261130-030000-abcd", "B.java", TaskType.TESTS, 1_000));

        // Then the router's meters say so, and only with catalogued names and bounded tags
        assertThat(registry.get(MetricNames.JOBS_ROUTED.name())
                        .tag(MetricNames.PROVIDER, "deepseek")
                        .tag(MetricNames.TASK, "tests")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get(MetricNames.RUN_BUDGET.name())
                        .tag(MetricNames.RUN, "r-20261130-030000-abcd")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        double spent = registry.get(MetricNames.RUN_SPENT.name()).gauge().value();
        assertThat(spent).isPositive();
        assertThat(registry.get(MetricNames.RUN_BUDGET_REMAINING.name()).gauge().value())
                .isEqualTo(1.0 - spent);
        assertThat(MetricNames.violations(registry.scrape())).isEmpty();
    }

    @Test
    void keepsRunGaugesForTheMostRecentRunsOnly() {
        for (int i = 0; i <= MetricNames.MAX_RUNS_LABELLED; i++) {
            events.runBudget(String.format("r-20261130-030000-%04x", i), "acme", Money.usd("1"), Money.ZERO);
        }

        assertThat(registry.find(MetricNames.RUN_BUDGET.name()).gauges()).hasSize(MetricNames.MAX_RUNS_LABELLED);
        assertThat(registry.find(MetricNames.RUN_BUDGET.name())
                        .tag(MetricNames.RUN, "r-20261130-030000-0000")
                        .gauge())
                .isNull();
    }

    @Test
    void publishesTheConsumerLag() {
        events.consumerLag(42);
        events.routed(ModelRef.parse("gemini/gemini-1.5-flash"), TaskType.DOCS);

        assertThat(registry.get(MetricNames.CONSUMER_LAG.name()).gauge().value())
                .isEqualTo(42.0);
        assertThat(MetricNames.violations(registry.scrape())).isEmpty();
    }

    @Test
    void routedJobCountersOfConfiguredModelsExistAtZeroBeforeTheFirstJob() {
        PrometheusMeterRegistry zeroed = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new MicrometerRouterEvents(zeroed).startingAtZero(java.util.List.of(ModelRef.parse("deepseek/deepseek-chat")));

        assertThat(zeroed.scrape())
                .contains(
                        "nightshift_jobs_routed_total{model=\"deepseek-chat\",provider=\"deepseek\",task=\"tests\"} 0.0");
    }
}
