package dev.nightshift.router.config;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.router.policy.Spillover;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the router decides by: ordered rules, hard constraints, spill-over, failover and escalation,
 * budgets, expected output. Built by {@link RouterConfigLoader} from the {@code router:} section of a YAML
 * file over the bundled tiers, or {@link #coreOnly} from core's {@code routing.rules}.
 *
 * @param spillover       {@code null} turns spill-over off
 * @param healthStaleAfter a provider health report older than this is ignored
 */
public record RouterConfig(List<RouteRule> rules, Constraints constraints, Spillover spillover,
                           FailoverSettings failover, BudgetSettings budgets, OutputExpectation expectedOutput,
                           Duration healthStaleAfter) {
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
    }

    /** The foundation's behaviour: core's rules (one chain per task), default constraints, no spill-over, no budgets. */
    public static RouterConfig coreOnly(NightshiftConfig config) {
        return new RouterConfig(RoutingPolicy.coreRules(config), Constraints.DEFAULT, null, FailoverSettings.DEFAULT,
                BudgetSettings.UNLIMITED, OutputExpectation.DEFAULT, null);
    }

    public RoutingPolicy policy(NightshiftConfig config) {
        return new RoutingPolicy(config, rules, constraints, spillover);
    }
}
