package dev.nightshift.bench.chaos;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code bench/run chaos [jobs=150]}: a cluster built as it is deployed on one machine — {@code nightshift serve broker},
 * {@code serve ingest}, {@code serve sink}, {@code serve router} and two {@code serve worker}, each a JVM of its own —
 * against the simulator as every provider (one second per call), and one scenario after another, each the
 * documentation of a git repository of {@code jobs} classes in two packages, handed over with
 * {@code nightshift submit file://…}, hit once it is a quarter done:
 * <ol>
 *   <li>a worker killed with SIGKILL with calls in flight, and started again;</li>
 *   <li>the router killed, and started again;</li>
 *   <li>the sink killed, and started again;</li>
 *   <li>the broker stopped and started again, the services left to reconnect;</li>
 *   <li>an all-in-one {@code nightshift run} killed with SIGKILL, then {@code nightshift resume};</li>
 *   <li>a fault storm on both workers' providers: hung calls, 5xx, 429s, dropped connections.</li>
 * </ol>
 * Each scenario's figures come from the sink's store and the providers' bill ({@link ScenarioResult}); the benchmark
 * fails if any scenario does not pass.
 */
public final class ChaosBenchmark implements Benchmark {
    private static final Duration CALL_LATENCY = Duration.ofSeconds(1);
    /** Hung calls of the storm answer after this long; the bill is read once they have. */
    static final Duration HUNG_CALL = Duration.ofSeconds(40);

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public String description() {
        return "[jobs=150] a cluster of broker, ingest, sink, router and 2 workers in their own JVMs through kills, a broker restart, "
                + "a killed and resumed run and a fault storm; checks no job is lost or paid twice and the bill is bounded";
    }

    @Override
    public void run(String[] args) throws Exception {
        int jobs = new BenchArgs(name(), args).positiveInt(0, "jobs", 150);
        Map<String, String> limits = generousLimits();
        NightshiftConfig config = ConfigLoader.loadDefault(limits);
        List<ScenarioResult> results = new ArrayList<>();
        try (ScratchDir dir = new ScratchDir("nightshift-bench-chaos");
                SimulatorFixture steady = SimulatorFixture.start(
                        config, withEveryProvider(config, p -> p.withLatency(Latency.fixed(CALL_LATENCY))));
                SimulatorFixture storm = SimulatorFixture.start(config, withEveryProvider(config, p -> p.withLatency(
                                Latency.fixed(CALL_LATENCY))
                        .withFault(FaultRule.atRate(Fault.SLOW_FIRST_BYTE, 0.03).withDelayMs(HUNG_CALL.toMillis()))
                        .withFault(FaultRule.atRate(Fault.SERVER_ERROR, 0.05))
                        .withFault(FaultRule.atRate(Fault.RATE_LIMITED, 0.03).withRetryAfterMs(1000))
                        .withFault(FaultRule.atRate(Fault.DISCONNECT, 0.02))))) {
            Map<String, String> env = new HashMap<>(limits);
            env.putAll(providersAt(steady));
            env.put("NIGHTSHIFT_HOME", dir.resolve("home").toString());
            int sinkPort = freePort();
            env.put("NIGHTSHIFT_SINK_PORT", Integer.toString(sinkPort));
            try (Cluster cluster = Cluster.start(dir, brokerPort(), sinkPort, env)) {
                Scenarios scenarios = new Scenarios(cluster, steady, jobs, dir);
                results.add(scenarios.killed("worker-killed", cluster.workerA()));
                results.add(scenarios.killed("router-killed", cluster.router()));
                results.add(scenarios.killed("sink-killed", cluster.sink()));
                results.add(scenarios.brokerRestarted());
                Map<String, String> allInOne = new HashMap<>(env);
                allInOne.put("NIGHTSHIFT_HOME", dir.resolve("home-run").toString());
                allInOne.remove("NIGHTSHIFT_SINK_PORT");
                results.add(scenarios.runKilledAndResumed(allInOne));
                results.add(new Scenarios(cluster, storm, jobs, dir).faultStorm(providersAt(storm)));
            }
        }
        print(results);
        if (!results.stream().allMatch(ScenarioResult::passed)) {
            throw new IllegalStateException("a chaos scenario did not pass (see the table above)");
        }
    }

    private void print(List<ScenarioResult> results) throws IOException {
        System.out.printf(
                "%-22s %6s %5s %8s %10s %9s %8s %14s %12s %8s %6s%n",
                "scenario",
                "passed",
                "jobs",
                "jobsLost",
                "duplicates",
                "redundant",
                "unknown",
                "ledger-bill $",
                "bound $",
                "stall s",
                "wall s");
        for (ScenarioResult r : results) {
            System.out.printf(
                    "%-22s %6s %5d %8d %10d %9d %8d %14s %12s %8.1f %6.1f%n",
                    r.name(),
                    r.passed(),
                    r.jobs(),
                    r.jobsLost(),
                    r.duplicateArtifacts(),
                    r.redundantCalls(),
                    r.unknownCalls(),
                    r.json().get("ledgerMinusBillUsd"),
                    r.unknownBound().toPlainString(),
                    r.maxLaneStallSeconds(),
                    r.seconds());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("scenarios", results.size());
        json.put(
                "scenariosPassed",
                results.stream().filter(ScenarioResult::passed).count());
        json.put(
                "jobsLost", results.stream().mapToLong(ScenarioResult::jobsLost).sum());
        json.put(
                "duplicateArtifacts",
                results.stream().mapToLong(ScenarioResult::duplicateArtifacts).sum());
        json.put(
                "redundantCalls",
                results.stream().mapToLong(ScenarioResult::redundantCalls).sum());
        json.put(
                "unknownCalls",
                results.stream().mapToLong(ScenarioResult::unknownCalls).sum());
        json.put(
                "ledgerMinusBillUsd",
                Money.ZERO
                        .minus(results.stream()
                                .map(ScenarioResult::billMinusLedger)
                                .reduce(Money.ZERO, Money::plus))
                        .toPlainString());
        json.put("unknownOutcomeBoundHolds", results.stream().allMatch(ScenarioResult::boundHolds));
        json.put(
                "maxLaneStallSeconds",
                results.stream()
                        .mapToDouble(ScenarioResult::maxLaneStallSeconds)
                        .max()
                        .orElse(0));
        json.put("byScenario", results.stream().map(ScenarioResult::json).toList());
        System.out.println(Json.mapper().writeValueAsString(json));
    }

    private static UnaryOperator<SimulatorConfig> withEveryProvider(
            NightshiftConfig config, UnaryOperator<dev.nightshift.simulator.ProviderSettings> settings) {
        return s -> {
            for (String provider : config.providers().keySet()) {
                s = s.withProvider(provider, settings);
            }
            return s;
        };
    }

    /** The variables that point every provider at the simulator, with a key it accepts. */
    static Map<String, String> providersAt(SimulatorFixture simulator) {
        Map<String, String> env = new HashMap<>();
        simulator.config().providers().forEach((id, p) -> {
            env.put("NIGHTSHIFT_PROVIDERS_" + id.toUpperCase(Locale.ROOT) + "_BASEURL", p.baseUrl());
            env.put(p.apiKeyEnv(), SimulatorFixture.FAKE_KEY);
        });
        return env;
    }

    /** Quotas far above what a run asks for: the subject is what survives a crash, not waiting for a window. */
    private static Map<String, String> generousLimits() {
        Map<String, String> env = new HashMap<>();
        for (String provider : List.of("DEEPSEEK", "QWEN", "ANTHROPIC", "GEMINI", "OPENAI", "MISTRAL")) {
            env.put("NIGHTSHIFT_PROVIDERS_" + provider + "_LIMITS_REQUESTSPERMINUTE", "100000");
            env.put("NIGHTSHIFT_PROVIDERS_" + provider + "_LIMITS_CONCURRENTREQUESTS", "32");
        }
        return env;
    }

    /** A port free now whose next port is free too (the broker's controller takes it). */
    private static int brokerPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two free neighbouring ports for the broker");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
