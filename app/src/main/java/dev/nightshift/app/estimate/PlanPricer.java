package dev.nightshift.app.estimate;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.ingest.RunPricer;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.estimate.Estimator;
import dev.nightshift.router.estimate.PlannedUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a run as ingest planned it, with the same estimator as {@code nightshift estimate}, so a run's report can
 * set what it was expected to cost beside what it paid. Each spooled job is decoded once and kept only as the few
 * figures the estimate needs, so a large run is not held in memory twice.
 */
public final class PlanPricer implements RunPricer {
    private final NightshiftConfig config;
    private final RouterConfig routerConfig;

    public PlanPricer(NightshiftConfig config, RouterConfig routerConfig) {
        this.config = config;
        this.routerConfig = routerConfig;
    }

    @Override
    public Money price(PlannedRun run) {
        if (run.plan().evaluation() != null) {
            // An evaluation arm goes to one pinned model, not where the policy would route it: the policy's price
            // would be a wrong estimate, and none is better than a wrong one.
            return null;
        }
        List<PlannedUnit> units = new ArrayList<>(run.jobs().size());
        run.jobs()
                .replay((jobId, encoded) ->
                        units.add(PlannedUnit.of(RunEstimator.withPromptTokens(MessageCodec.JOB.decode(encoded)))));
        return Estimator.of(config, routerConfig).estimate(units).usd();
    }
}
