package dev.nightshift.router.estimate;

import dev.nightshift.core.batch.BatchTurnarounds;
import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.router.batch.BatchChoice;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.ProviderView;
import dev.nightshift.router.policy.RouteDecision;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run will cost before any provider is called: each planned job is routed exactly as the router
 * would route it (same rules and hard constraints, every provider assumed healthy), and priced at its
 * input tokens plus its expected output tokens ({@link OutputExpectation}) — beside the same jobs sent to
 * the single baseline model ({@code baseline} in config, GPT-4o by default). Exact dollars; no I/O.
 */
public final class Estimator {
    private final NightshiftConfig config;
    private final RoutingPolicy policy;
    private final OutputExpectation expectation;
    private final ModelRef baseline;
    private final Price baselinePrice;
    private final BatchChoice batchChoice;

    public Estimator(NightshiftConfig config, RoutingPolicy policy, OutputExpectation expectation) {
        this(config, policy, expectation, FailoverSettings.DEFAULT.repairRounds(), BatchChoice.DEFAULT_MARGIN);
    }

    /**
     * @param repairRounds the repair rounds a rejected test gets (what a deadline must leave room for)
     * @param batchMargin  the time the router keeps free before a deadline
     */
    public Estimator(
            NightshiftConfig config,
            RoutingPolicy policy,
            OutputExpectation expectation,
            int repairRounds,
            Duration batchMargin) {
        // No batch has been seen by an estimate: each provider's expected turnaround decides.
        this.batchChoice = new BatchChoice(config, new BatchTurnarounds(config), repairRounds, batchMargin);
        this.config = config;
        this.policy = policy;
        this.expectation = expectation;
        if (config.baseline() == null) {
            throw new ConfigException(
                    "baseline is not configured; set baseline: provider/model (e.g. openai/gpt-4o) for the savings comparison");
        }
        this.baseline = config.baseline();
        this.baselinePrice = config.price(baseline);
    }

    /** The estimator the router's own policy implies. */
    public static Estimator of(NightshiftConfig config, RouterConfig routerConfig) {
        return new Estimator(
                config,
                routerConfig.policy(config),
                routerConfig.expectedOutput(),
                routerConfig.failover().repairRounds(),
                routerConfig.batchMargin());
    }

    public Estimate estimateJobs(List<Job> jobs) {
        return estimate(jobs.stream().map(PlannedUnit::of).toList());
    }

    /**
     * The jobs' cost, and with a deadline ({@code null}: none) also their cost with those that can wait in provider
     * batches, all jobs taken to start at {@code now}.
     */
    public Estimate estimateJobs(List<Job> jobs, Instant deadline, Instant now) {
        return estimate(jobs.stream().map(PlannedUnit::of).toList(), deadline, now);
    }

    public Estimate estimate(List<PlannedUnit> units) {
        return estimate(units, null, null);
    }

    /** See {@link #estimateJobs(List, Instant, Instant)}. */
    public Estimate estimate(List<PlannedUnit> units, Instant deadline, Instant now) {
        Map<ModelRef, ModelEstimate> byModel = new HashMap<>();
        long jobs = 0;
        long input = 0;
        long output = 0;
        long unroutable = 0;
        Money usd = Money.ZERO;
        Money baselineUsd = Money.ZERO;
        long batchJobs = 0;
        Money withDeadline = Money.ZERO;
        for (PlannedUnit u : units) {
            RouteDecision decision = policy.route(stub(u), u.complexity(), ProviderView.ALL_HEALTHY);
            if (!(decision instanceof RouteDecision.Routed routed)) {
                unroutable++;
                continue;
            }
            long expectedOut = expectation.expectedOutput(u.task(), u.inputTokens(), u.maxOutputTokens());
            Money cost = config.price(routed.model()).estimate(u.inputTokens(), expectedOut);
            byModel.merge(
                    routed.model(),
                    ModelEstimate.NONE.plus(u.inputTokens(), expectedOut, cost),
                    (a, b) -> a.plus(b.inputTokens(), b.outputTokens(), b.usd()));
            jobs++;
            input += u.inputTokens();
            output += expectedOut;
            usd = usd.plus(cost);
            if (deadline != null) {
                ServiceTier tier = batchChoice
                        .decide(u.task(), u.docLevel(), routed.model(), 0, deadline, now)
                        .tier();
                batchJobs += tier == ServiceTier.BATCH ? 1 : 0;
                withDeadline =
                        withDeadline.plus(config.price(routed.model(), tier).estimate(u.inputTokens(), expectedOut));
            }
            baselineUsd = baselineUsd.plus(baselinePrice.estimate(u.inputTokens(), expectedOut));
        }
        return new Estimate(
                jobs,
                input,
                output,
                usd,
                baseline,
                baselineUsd,
                byModel,
                unroutable,
                deadline == null ? null : new BatchShare(deadline, batchJobs, withDeadline));
    }

    /** The routing policy reads a job's task, language, size and output budget; its content is not needed here. */
    private static Job stub(PlannedUnit u) {
        return new Job(
                "estimate",
                "estimate",
                null,
                "",
                "",
                u.task(),
                "",
                u.language(),
                "",
                "",
                "",
                u.inputTokens(),
                u.maxOutputTokens(),
                true);
    }
}
