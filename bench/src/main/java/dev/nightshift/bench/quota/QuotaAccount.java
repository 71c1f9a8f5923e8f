package dev.nightshift.bench.quota;

import dev.nightshift.core.config.IngestConfig;
import dev.nightshift.core.config.JobsConfig;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.config.RoutingConfig;
import dev.nightshift.core.config.RoutingRule;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.latency.Latency;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated provider account of the quota benchmark: an OpenAI-protocol account with fixed
 * limits (600 RPM, 400k input TPM, 40k output TPM, 32 concurrent) and a model's latency (log-normal,
 * median 2 s, long tail to 30 s), all in provider time; the simulator runs it {@code scale} times faster.
 */
final class QuotaAccount {
    static final Limits LIMITS = new Limits(600, 400_000L, 40_000L, 32, null, null);
    static final String MODEL = "bench-model";
    static final Price PRICE = Price.of("0.15", "0.60");
    static final Duration MEDIAN_LATENCY = Duration.ofSeconds(2);
    static final double LATENCY_SIGMA = 0.6;
    static final Duration MAX_LATENCY = Duration.ofSeconds(30);

    private QuotaAccount() {}

    /** The same limits with every dimension multiplied by {@code factor} (a mis-configured account). */
    static Limits times(Limits l, int factor) {
        return new Limits(
                l.requestsPerMinute() * factor,
                l.inputTokensPerMinute() * factor,
                l.outputTokensPerMinute() * factor,
                l.concurrentRequests() * factor,
                null,
                null);
    }

    /**
     * A configuration of these providers, each with {@link #MODEL}, at its {@code baseUrls} entry (replaced once the
     * simulator listens).
     */
    static NightshiftConfig config(Map<String, Limits> providers, Map<String, String> baseUrls) {
        Map<String, ProviderConfig> ps = new TreeMap<>();
        providers.forEach((id, limits) -> ps.put(
                id,
                new ProviderConfig(
                        Protocol.OPENAI,
                        baseUrls.getOrDefault(id, "http://127.0.0.1:9"),
                        "BENCH_API_KEY",
                        null,
                        limits,
                        Map.of(MODEL, new ModelConfig(MODEL, 128_000, PRICE)))));
        ModelRef ref = new ModelRef(ps.keySet().iterator().next(), MODEL);
        RoutingConfig routing = new RoutingConfig(List.of(
                new RoutingRule("docs", TaskType.DOCS, List.of(ref)),
                new RoutingRule("tests", TaskType.TESTS, List.of(ref))));
        return new NightshiftConfig(
                ps,
                routing,
                new JobsConfig(Map.of(TaskType.DOCS, 2048, TaskType.TESTS, 4096), "1"),
                null,
                new IngestConfig(1_048_576, List.of()),
                null);
    }

    /**
     * The simulator's side: every provider enforces the real {@link #LIMITS} on its own clock (the scaled
     * one); the latency, a real-time timer in the simulator, is divided by the scale here.
     */
    static SimulatorConfig simulator(NightshiftConfig realLimits, double scale) {
        SimulatorConfig sim = SimulatorConfig.from(realLimits).withConfiguredLimits(realLimits);
        Latency latency = Latency.logNormal(scaled(MEDIAN_LATENCY, scale), LATENCY_SIGMA, scaled(MAX_LATENCY, scale));
        for (String id : realLimits.providers().keySet()) {
            sim = sim.withProvider(id, p -> p.withLatency(latency));
        }
        return sim;
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofNanos(Math.round(d.toNanos() / scale));
    }
}
