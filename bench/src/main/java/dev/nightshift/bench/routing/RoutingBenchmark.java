package dev.nightshift.bench.routing;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.router.learning.RoutingStrategy;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.testkit.KafkaTestBroker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run routing [jobs=1200]}: one plan of test jobs over Java, Python, JavaScript and Go, run three times
 * on the simulator — with the bundled fixed tiers, with {@code cheapest-per-pass} starting from no evidence, and all
 * on GPT-4o mini — where the cheapest model (DeepSeek) is poor at JavaScript and as the built-in profiles say
 * elsewhere. The learning pass runs first, so it starts from an empty statistics topic; every pass has its own sink.
 */
public final class RoutingBenchmark implements Benchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    static final ModelRef GPT_4O_MINI = ModelRef.parse("openai/gpt-4o-mini");
    /**
     * DeepSeek on JavaScript: most first tries do not build or assert the wrong value, and its repairs rarely help —
     * the kind of gap a team finds by evaluating on its own code.
     */
    static final TestDefects DEEPSEEK_ON_JAVASCRIPT = new TestDefects(0.45, 0.30, 0.05, 0.10, 0.15);

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public String description() {
        return "[jobs=1200] dollars per passing test: cheapest-per-pass (learning from nothing) vs the fixed tiers vs all on GPT-4o mini";
    }

    @Override
    public void run(String[] args) throws Exception {
        int jobs = new BenchArgs(name(), args).positiveInt(0, "jobs", 1_200);
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        String bootstrap = KafkaTestBroker.bootstrapServers();
        RouterConfig fixed = RouterConfigLoader.loadDefault(config);
        RouterConfig learned = fixed.withStrategy(RoutingStrategy.CHEAPEST_PER_PASS);
        RouterConfig mini = new RouterConfig(
                List.of(RouteRule.forTask("all-on-gpt-4o-mini", TaskType.TESTS, List.of(GPT_4O_MINI))),
                fixed.constraints(),
                null,
                fixed.failover(),
                fixed.budgets(),
                fixed.expectedOutput(),
                fixed.healthStaleAfter());
        try (ScratchDir dir = new ScratchDir("nightshift-bench-routing");
                ProviderSimulator simulator = ProviderSimulator.start(simulatorConfig(config))) {
            RoutingPass.Result learning = RoutingPass.run(
                    "cheapest-per-pass",
                    bootstrap,
                    config,
                    learned,
                    simulator,
                    dir.resolve("learned"),
                    RoutingWorkload.of("r-bench-routing-learned", "bench-learned", jobs),
                    TIMEOUT);
            RoutingPass.Result tiers = RoutingPass.run(
                    "fixed tiers",
                    bootstrap,
                    config,
                    fixed,
                    simulator,
                    dir.resolve("fixed"),
                    RoutingWorkload.of("r-bench-routing-fixed", "bench-fixed", jobs),
                    TIMEOUT);
            RoutingPass.Result allMini = RoutingPass.run(
                    "all on gpt-4o-mini",
                    bootstrap,
                    config,
                    mini,
                    simulator,
                    dir.resolve("mini"),
                    RoutingWorkload.of("r-bench-routing-mini", "bench-mini", jobs),
                    TIMEOUT);
            for (RoutingPass.Result r : List.of(tiers, learning, allMini)) {
                System.out.printf(
                        "%-20s passed %4d of %4d (%.3f)  $%s  $%s per pass  %5d calls  %6.1f s  by model %s%n",
                        r.name(),
                        r.passed(),
                        r.jobs(),
                        r.passRate(),
                        r.usd(),
                        r.usdPerPass(),
                        r.attempts(),
                        r.seconds(),
                        r.byModel());
            }
            new Figures(name())
                    .add("jobs", "test jobs per pass (4 languages)", jobs)
                    .add("fixedUsdPerPass", "fixed tiers: $ per passing test", tiers.usdPerPass())
                    .add(
                            "learnedUsdPerPass",
                            "cheapest-per-pass from no evidence: $ per passing test",
                            learning.usdPerPass())
                    .add("gpt4oMiniUsdPerPass", "all on GPT-4o mini: $ per passing test", allMini.usdPerPass())
                    .add("ratio", "learned / fixed (goal <= 0.8)", ratio(learning.usdPerPass(), tiers.usdPerPass()))
                    .add("passRateLearned", "pass rate, cheapest-per-pass", learning.passRate())
                    .add("passRateFixed", "pass rate, fixed tiers", tiers.passRate())
                    .add("passRateGpt4oMini", "pass rate, all on GPT-4o mini", allMini.passRate())
                    .add(
                            "learnedUsd",
                            "cheapest-per-pass: $ in total",
                            learning.usd().toString())
                    .add("fixedUsd", "fixed tiers: $ in total", tiers.usd().toString())
                    .add(
                            "gpt4oMiniUsd",
                            "all on GPT-4o mini: $ in total",
                            allMini.usd().toString())
                    .json("cores", Runtime.getRuntime().availableProcessors())
                    .print();
        }
    }

    /** No latency anywhere; DeepSeek poor at JavaScript, every other model and language as the built-in profiles say. */
    static SimulatorConfig simulatorConfig(NightshiftConfig config) {
        SimulatorConfig sim = SimulatorConfig.from(config);
        for (String id : config.providers().keySet()) {
            sim = sim.withProvider(id, p -> p.withLatency(Latency.NONE));
        }
        return sim.withProvider(
                "deepseek", p -> p.withTestDefects("deepseek-chat", "javascript", DEEPSEEK_ON_JAVASCRIPT));
    }

    private static double ratio(BigDecimal learned, BigDecimal fixed) {
        return learned == null || fixed == null
                ? Double.NaN
                : learned.divide(fixed, 6, RoundingMode.HALF_EVEN).doubleValue();
    }
}
