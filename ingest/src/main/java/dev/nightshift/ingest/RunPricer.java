package dev.nightshift.ingest;

import dev.nightshift.core.money.Money;
import dev.nightshift.ingest.plan.PlannedRun;

/**
 * Prices a planned run before ingest publishes it, so that its plan carries what it was expected to cost and the
 * run's report can set the estimate beside what the run paid. Ingest knows the jobs but not the models or their
 * prices; whoever deploys it with a router's policy at hand (the all-in-one {@code nightshift run}) supplies one.
 */
@FunctionalInterface
public interface RunPricer {
    /** Leaves plans unestimated. */
    RunPricer NONE = run -> null;

    /** @return the run's expected cost, or {@code null} when it cannot be told */
    Money price(PlannedRun run);
}
