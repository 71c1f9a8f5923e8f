package dev.nightshift.router;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.engine.RouterEngine;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Router engines for tests: core's routing rules, no budgets but a run's own, a clock that stands still. */
public final class Engines {
    private Engines() {}

    public static RouterEngine coreRouting(NightshiftConfig config, Instant now) {
        RoutingPolicy policy = RoutingPolicy.fromCore(config, Constraints.DEFAULT);
        return new RouterEngine(
                config,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(now), Duration.ofMinutes(5)),
                new BudgetLedger(BudgetSettings.UNLIMITED),
                OutputExpectation.DEFAULT,
                InstantSource.fixed(now));
    }
}
