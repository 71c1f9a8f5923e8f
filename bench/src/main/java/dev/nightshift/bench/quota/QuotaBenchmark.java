package dev.nightshift.bench.quota;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.time.TimeScale;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bench/run quota [jobs=5000] [scale=10]}: one simulated provider account with real
 * limits (600 RPM, 400k input TPM, 40k output TPM, 32 concurrent) and a model's latency, time running
 * {@code scale} times faster for the simulator and the workers alike. Three passes against the same
 * simulator, each on its own account so that none inherits another's windows:
 * <ol>
 *   <li>three worker replicas configured with the account's real limits;</li>
 *   <li>three worker replicas configured with limits twice too high;</li>
 *   <li>a naive client, 32 calls in flight, retrying each 429 after its retry-after.</li>
 * </ol>
 * Figures come from the simulator's limiter ({@link ProviderView}).
 */
public final class QuotaBenchmark implements Benchmark {
    /** At most this many warm-up jobs; a quick run warms up with an eighth of its jobs. */
    private static final int WARM_UP_JOBS = 600;

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public String description() {
        return "[jobs=5000] [scale=10] 3 workers at the provider's limits (and at 2x) vs a naive 32-in-flight client: utilisation, 429s";
    }

    @Override
    public void run(String[] args) throws Exception {
        BenchArgs arguments = new BenchArgs(name(), args);
        int jobs = arguments.positiveInt(0, "jobs", 5_000);
        int scale = arguments.positiveInt(1, "scale", 10);
        TimeScale time = TimeScale.faster(scale);
        // Provider time of a pass is ~jobs/600 minutes; allow five times that in real time, and never less than 5
        // minutes.
        Duration timeout =
                Duration.ofSeconds(Math.max(300, jobs * 60L * 5 / QuotaAccount.LIMITS.requestsPerMinute() / scale));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String matched = "quota-a-" + suffix;
        String over = "quota-b-" + suffix;
        String naive = "quota-naive-" + suffix;
        String warm = "quota-warm-" + suffix;
        Map<String, Limits> real = new LinkedHashMap<>();
        for (String id : List.of(warm, matched, over, naive)) {
            real.put(id, QuotaAccount.LIMITS);
        }
        String bootstrap = KafkaTestBroker.bootstrapServers();
        WorkerSettings settings = WorkerSettings.DEFAULTS
                .withTimeScale(time)
                .withObserveInterval(Duration.ofSeconds(1))
                .withLanePartitions(Integer.getInteger("quota.partitions", Topics.LANE_PARTITIONS));
        try (ProviderSimulator simulator = ProviderSimulator.start(
                QuotaAccount.simulator(QuotaAccount.config(real, Map.of()), scale), time.clock())) {
            // An unreported warm-up pass on its own account first, so that the first measured pass does not pay for the
            // JIT and the broker's first share groups (on this loaded machine that cost a measured pass ~0.15 of
            // utilisation).
            WorkerPass.run(
                    bootstrap,
                    simulator,
                    workerConfig(simulator, warm, QuotaAccount.LIMITS),
                    warm,
                    QuotaWorkload.lane(
                            "r-bench-quota-w-" + suffix, warm, Math.min(WARM_UP_JOBS, Math.max(50, jobs / 8))),
                    settings,
                    timeout);
            WorkerPass.Outcome a = WorkerPass.run(
                    bootstrap,
                    simulator,
                    workerConfig(simulator, matched, QuotaAccount.LIMITS),
                    matched,
                    QuotaWorkload.lane("r-bench-quota-a-" + suffix, matched, jobs),
                    settings,
                    timeout);
            ProviderView aView = ProviderView.of(simulator.limitLog(matched), QuotaAccount.LIMITS);
            WorkerPass.Outcome b = WorkerPass.run(
                    bootstrap,
                    simulator,
                    workerConfig(simulator, over, QuotaAccount.times(QuotaAccount.LIMITS, 2)),
                    over,
                    QuotaWorkload.lane("r-bench-quota-b-" + suffix, over, jobs),
                    settings,
                    timeout);
            ProviderView bView = ProviderView.of(simulator.limitLog(over), QuotaAccount.LIMITS);
            NaivePass.Outcome n = NaivePass.run(
                    simulator.baseUrlFor(naive),
                    QuotaWorkload.lane("r-bench-quota-n-" + suffix, naive, jobs),
                    time,
                    timeout);
            ProviderView nView = ProviderView.of(simulator.limitLog(naive), QuotaAccount.LIMITS);
            figures(jobs, scale, aView, a, bView, b, nView, n).print();
        }
    }

    private static NightshiftConfig workerConfig(ProviderSimulator simulator, String provider, Limits configured) {
        return QuotaAccount.config(Map.of(provider, configured), Map.of(provider, simulator.baseUrlFor(provider)));
    }

    private static Figures figures(
            int jobs,
            int scale,
            ProviderView a,
            WorkerPass.Outcome aRun,
            ProviderView b,
            WorkerPass.Outcome bRun,
            ProviderView n,
            NaivePass.Outcome nRun) {
        return new Figures("quota")
                .add("jobs", "jobs per pass", jobs)
                .add("scale", "time scale (provider s per real s)", scale)
                .add("utilization", "workers, limits as provider's: RPM utilisation (goal >= 0.95)", a.utilization())
                .add("rateLimited", "workers, limits as provider's: 429s (goal 0)", a.rateLimited())
                .add(
                        "overLimitWindows",
                        "workers, limits as provider's: 60 s windows over a limit",
                        a.overLimitWindows())
                .add(
                        "peakWindowUtilization",
                        "workers, limits as provider's: fullest steady 60 s window / RPM",
                        a.peakWindow())
                .add(
                        "inputTokenUtilization",
                        "workers, limits as provider's: input TPM utilisation",
                        a.inputTokenUtilization())
                .add(
                        "overConfiguredUtilization",
                        "workers, limits 2x too high: RPM utilisation (goal >= 0.85)",
                        b.utilization())
                .add("overConfiguredRateLimited", "workers, limits 2x too high: 429s", b.rateLimited())
                .add(
                        "overConfiguredRateLimitedShare",
                        "workers, limits 2x too high: 429s / calls (goal <= 0.02)",
                        b.rateLimitedShare())
                .add(
                        "overConfiguredOverLimitWindows",
                        "workers, limits 2x too high: windows over a limit",
                        b.overLimitWindows())
                .add("naiveUtilization", "naive 32 in flight: RPM utilisation", n.utilization())
                .add("naiveRateLimited", "naive 32 in flight: 429s", n.rateLimited())
                .add("naiveRateLimitedShare", "naive 32 in flight: 429s / calls", n.rateLimitedShare())
                .add("naiveOverLimitWindows", "naive 32 in flight: windows over a limit", n.overLimitWindows())
                .add("providerMinutes", "workers, limits as provider's: provider minutes", a.providerMinutes())
                .add(
                        "overConfiguredProviderMinutes",
                        "workers, limits 2x too high: provider minutes",
                        b.providerMinutes())
                .add("naiveProviderMinutes", "naive 32 in flight: provider minutes", n.providerMinutes())
                .add(
                        "steadySeconds",
                        "workers, limits as provider's: steady state measured (provider s)",
                        a.steadySeconds())
                .add("wallSeconds", "wall s (3 passes)", aRun.seconds() + bRun.seconds() + nRun.seconds())
                .json("bindingLimit", "requestsPerMinute")
                .json("workerCounted429", aRun.rateLimited())
                .json("overConfiguredWorkerCounted429", bRun.rateLimited())
                .json("overConfiguredCalls", b.admitted() + b.rateLimited())
                .json("cores", Runtime.getRuntime().availableProcessors());
    }
}
