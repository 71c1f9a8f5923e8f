package dev.nightshift.router.config;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.router.batch.BatchChoice;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.learning.CheapestPerPass;
import dev.nightshift.router.learning.LearningSettings;
import dev.nightshift.router.learning.RoutingStats;
import dev.nightshift.router.learning.RoutingStrategy;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.FixedTiers;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.router.policy.Spillover;
import dev.nightshift.router.policy.StartChooser;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the router decides by: ordered rules, hard constraints, spill-over, failover and escalation,
 * budgets, expected output, and the strategy that picks where a new job starts in its chain. Built by
 * {@link RouterConfigLoader} from the {@code router:} section of a YAML file over the bundled tiers, or
 * {@link #coreOnly} from core's {@code routing.rules}.
 *
 * @param spillover       {@code null} turns spill-over off
 * @param healthStaleAfter a provider health report older than this is ignored
 * @param strategy        {@code fixed-tiers} (the default) or {@code cheapest-per-pass}
 * @param learning        the settings of {@code cheapest-per-pass} (kept, unused, under fixed tiers)
 * @param dispatchWindow  how many new jobs may be routed and not yet ended at once; the router takes the next
 *                        planned job only when one ends. Routing late keeps each choice current: the routing
 *                        statistics, the lanes' backlog and the providers' health are those of the moment the job
 *                        can start, not of the moment a whole plan arrived ({@value #DEFAULT_DISPATCH_WINDOW} by default)
 * @param batchMargin     for runs with a deadline: time kept free before it when deciding whether a job still fits in a
 *                        provider batch (see {@code BatchChoice}); 15 minutes by default
 */
public record RouterConfig(
        List<RouteRule> rules,
        Constraints constraints,
        Spillover spillover,
        FailoverSettings failover,
        BudgetSettings budgets,
        OutputExpectation expectedOutput,
        Duration healthStaleAfter,
        RoutingStrategy strategy,
        LearningSettings learning,
        int dispatchWindow,
        Duration batchMargin) {
    /** Far above what the lanes run at once (tens of calls per provider), far below a repository's plan. */
    public static final int DEFAULT_DISPATCH_WINDOW = 256;

    public RouterConfig {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("router.rules must hold at least one rule");
        }
        rules = List.copyOf(rules);
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(expectedOutput, "expectedOutput");
        healthStaleAfter = healthStaleAfter == null ? Duration.ofMinutes(5) : healthStaleAfter;
        strategy = strategy == null ? RoutingStrategy.FIXED_TIERS : strategy;
        learning = learning == null ? LearningSettings.DEFAULT : learning;
        if (dispatchWindow < 0) {
            throw new IllegalArgumentException("dispatchWindow must be at least 1 (0 for the default "
                    + DEFAULT_DISPATCH_WINDOW + "), got " + dispatchWindow);
        }
        dispatchWindow = dispatchWindow == 0 ? DEFAULT_DISPATCH_WINDOW : dispatchWindow;
        batchMargin = batchMargin == null ? BatchChoice.DEFAULT_MARGIN : batchMargin;
        if (batchMargin.isNegative()) {
            throw new IllegalArgumentException("batch.margin cannot be negative (e.g. PT15M), got " + batchMargin);
        }
    }

    /** The default batch margin. */
    public RouterConfig(
            List<RouteRule> rules,
            Constraints constraints,
            Spillover spillover,
            FailoverSettings failover,
            BudgetSettings budgets,
            OutputExpectation expectedOutput,
            Duration healthStaleAfter,
            RoutingStrategy strategy,
            LearningSettings learning,
            int dispatchWindow) {
        this(
                rules,
                constraints,
                spillover,
                failover,
                budgets,
                expectedOutput,
                healthStaleAfter,
                strategy,
                learning,
                dispatchWindow,
                null);
    }

    /** The default dispatch window. */
    public RouterConfig(
            List<RouteRule> rules,
            Constraints constraints,
            Spillover spillover,
            FailoverSettings failover,
            BudgetSettings budgets,
            OutputExpectation expectedOutput,
            Duration healthStaleAfter,
            RoutingStrategy strategy,
            LearningSettings learning) {
        this(rules, constraints, spillover, failover, budgets, expectedOutput, healthStaleAfter, strategy, learning, 0);
    }

    /** Fixed tiers. */
    public RouterConfig(
            List<RouteRule> rules,
            Constraints constraints,
            Spillover spillover,
            FailoverSettings failover,
            BudgetSettings budgets,
            OutputExpectation expectedOutput,
            Duration healthStaleAfter) {
        this(rules, constraints, spillover, failover, budgets, expectedOutput, healthStaleAfter, null, null);
    }

    /** The foundation's behaviour: core's rules (one chain per task), default constraints, no spill-over, no budgets. */
    public static RouterConfig coreOnly(NightshiftConfig config) {
        return new RouterConfig(
                RoutingPolicy.coreRules(config),
                Constraints.DEFAULT,
                null,
                FailoverSettings.DEFAULT,
                BudgetSettings.UNLIMITED,
                OutputExpectation.DEFAULT,
                null);
    }

    /** This config with another strategy, e.g. {@code withStrategy(RoutingStrategy.CHEAPEST_PER_PASS)}. */
    public RouterConfig withStrategy(RoutingStrategy s) {
        return new RouterConfig(
                rules,
                constraints,
                spillover,
                failover,
                budgets,
                expectedOutput,
                healthStaleAfter,
                s,
                learning,
                dispatchWindow,
                batchMargin);
    }

    /** This config with other {@code cheapest-per-pass} settings. */
    public RouterConfig withLearning(LearningSettings settings) {
        return new RouterConfig(
                rules,
                constraints,
                spillover,
                failover,
                budgets,
                expectedOutput,
                healthStaleAfter,
                strategy,
                settings,
                dispatchWindow,
                batchMargin);
    }

    /** This config with another dispatch window. */
    public RouterConfig withDispatchWindow(int window) {
        return new RouterConfig(
                rules,
                constraints,
                spillover,
                failover,
                budgets,
                expectedOutput,
                healthStaleAfter,
                strategy,
                learning,
                window,
                batchMargin);
    }

    /** The policy without routing statistics: under {@code cheapest-per-pass} the chain's order decides (estimates). */
    public RoutingPolicy policy(NightshiftConfig config) {
        return policy(config, new RoutingStats());
    }

    /** The policy, its strategy reading {@code stats} (which the router keeps current) when it learns. */
    public RoutingPolicy policy(NightshiftConfig config, RoutingStats stats) {
        return new RoutingPolicy(config, rules, constraints, spillover, starts(config, stats));
    }

    private StartChooser starts(NightshiftConfig config, RoutingStats stats) {
        return switch (strategy) {
            case FIXED_TIERS -> FixedTiers.INSTANCE;
            case CHEAPEST_PER_PASS ->
                new CheapestPerPass(stats, learning, config, constraints, expectedOutput, failover);
        };
    }
}
