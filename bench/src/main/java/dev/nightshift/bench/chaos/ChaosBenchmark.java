package dev.nightshift.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.PlanPublisher;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.sink.ledger.LedgerEntry;
import dev.nightshift.sink.query.RunStatus;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bench/run chaos [jobs=300] [killEverySeconds=8]}: a cluster of separate processes — sink, router and two
 * workers, each {@code nightshift serve} in its own JVM, on one broker, against the simulator as every provider (one
 * second per call) — works one run while, every few seconds, one of its processes is killed with SIGKILL and started
 * again (a worker, the router, the other worker, the sink, in turn). When the run has completed, it checks what a
 * crash must not break, and fails if any does not hold:
 * <ul>
 *   <li>every job ended, and succeeded;</li>
 *   <li>every provider call is on the books: ledger ≤ the providers' bill ≤ ledger + the bound of the calls of unknown
 *       outcome (calls cut off by a kill);</li>
 *   <li>no job is booked twice: one succeeded attempt per job.</li>
 * </ul>
 */
public final class ChaosBenchmark implements Benchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CALL_LATENCY = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public String description() {
        return "[jobs=300] [killEverySeconds=8] a run on sink, router and 2 workers in their own JVMs, one killed -9 and restarted "
                + "every few seconds; checks every job ends once and ledger <= bill <= ledger + unknown-outcome bound";
    }

    @Override
    public void run(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(name(), args);
        int jobs = a.positiveInt(0, "jobs", 300);
        int killEvery = a.positiveInt(1, "killEverySeconds", 8);
        String bootstrap = KafkaTestBroker.bootstrapServers();
        int sinkPort = freePort();
        Map<String, String> env = new HashMap<>(generousLimits());
        NightshiftConfig config = ConfigLoader.loadDefault(env);
        try (ScratchDir dir = new ScratchDir("nightshift-bench-chaos");
             SimulatorFixture simulator = SimulatorFixture.start(config, s -> {
                 for (String provider : config.providers().keySet()) {
                     s = s.withProvider(provider, p -> p.withLatency(Latency.fixed(CALL_LATENCY)));
                 }
                 return s;
             })) {
            simulator.config().providers().forEach((id, p) -> {
                env.put("NIGHTSHIFT_PROVIDERS_" + id.toUpperCase(Locale.ROOT) + "_BASEURL", p.baseUrl());
                env.put(p.apiKeyEnv(), SimulatorFixture.FAKE_KEY);
            });
            env.put("NIGHTSHIFT_HOME", dir.resolve("home").toString());
            env.put("NIGHTSHIFT_SINK_PORT", Integer.toString(sinkPort));
            Path sinkData = dir.resolve("sink");
            List<String> common = List.of("--bootstrap", bootstrap, "--metrics-port", "0");
            ServiceProcess sink = new ServiceProcess("sink", with(List.of("sink", "--no-auth", "--data", sinkData.toString()), common),
                    env, dir.path());
            ServiceProcess router = new ServiceProcess("router", with(List.of("router"), common), env, dir.path());
            ServiceProcess workerA = new ServiceProcess("worker-a", with(List.of("worker"), common), env, dir.path());
            ServiceProcess workerB = new ServiceProcess("worker-b", with(List.of("worker"), common), env, dir.path());
            List<ServiceProcess> cluster = List.of(sink, router, workerA, workerB);
            List<ServiceProcess> victims = List.of(workerA, router, workerB, sink);
            try {
                for (ServiceProcess service : cluster) {
                    service.start();
                }
                String runId = "r-chaos-" + Long.toString(System.nanoTime(), 36);
                ChaosWorkload workload = ChaosWorkload.of(runId, jobs);
                long t0 = System.nanoTime();
                PlanPublisher.publish(bootstrap, "bench-chaos", workload.plan(), workload.jobs());
                Map<String, Integer> kills = new HashMap<>();
                long nextKill = System.nanoTime() + Duration.ofSeconds(killEvery).toNanos();
                int k = 0;
                while (!completed(sinkPort, runId)) {
                    if (System.nanoTime() - t0 > RUN_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("run " + runId + " did not complete within " + RUN_TIMEOUT
                                + "; the services' logs are in " + dir.path() + " until this process ends");
                    }
                    if (System.nanoTime() >= nextKill) {
                        ServiceProcess victim = victims.get(k++ % victims.size());
                        victim.kill();
                        kills.merge(victim.name(), 1, Integer::sum);
                        System.err.printf("chaos: killed %s with SIGKILL after %.1f s; starting it again%n", victim.name(),
                                (System.nanoTime() - t0) / 1e9);
                        victim.start();
                        nextKill = System.nanoTime() + Duration.ofSeconds(killEvery).toNanos();
                    }
                    Thread.sleep(250);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (ServiceProcess service : cluster) {
                    service.stop();
                }
                Money bill = settledBill(simulator);
                report(runId, jobs, kills, seconds, bill, simulator.bill().size(), sinkData);
            } finally {
                for (ServiceProcess service : cluster) {
                    service.close();
                }
            }
        }
    }

    /** What the sink booked, read from its store once it has stopped, against what the providers billed. */
    private void report(String runId, int jobs, Map<String, Integer> kills, double seconds, Money bill, int billedCalls, Path sinkData) {
        try (SinkStore store = SinkStore.open(sinkData)) {
            SinkQueries queries = new SinkQueries(store, InstantSource.system());
            RunStatus status = queries.status(runId, null);
            List<LedgerEntry> ledger = new ArrayList<>();
            queries.ledger(runId, null, ledger::add);
            Money ledgerUsd = ledger.stream().map(LedgerEntry::cost).reduce(Money.ZERO, Money::plus);
            List<CallStarted> open = queries.openCalls(runId);
            Money bound = open.stream().map(CallStarted::costBound).reduce(Money.ZERO, Money::plus);
            Map<String, Long> succeededPerJob = ledger.stream().filter(e -> e.outcome() == dev.nightshift.core.attempt.Outcome.SUCCEEDED)
                    .collect(Collectors.groupingBy(LedgerEntry::jobId, Collectors.counting()));
            boolean everyJobEnded = status.jobs().total() == jobs && status.jobs().pending() == 0;
            boolean everyJobSucceeded = status.jobs().succeeded() == jobs;
            boolean bookedOnce = succeededPerJob.size() == jobs && succeededPerJob.values().stream().allMatch(n -> n == 1);
            boolean ledgerWithinBill = !ledgerUsd.exceeds(bill);
            boolean billWithinBound = !bill.exceeds(ledgerUsd.plus(bound));
            new Figures(name())
                    .add("jobs", "jobs", jobs)
                    .add("kills", "processes killed with SIGKILL (and started again)", kills.values().stream().mapToInt(Integer::intValue).sum())
                    .json("killsByService", kills)
                    .add("seconds", "run wall s", Math.round(seconds * 10) / 10.0)
                    .add("everyJobEnded", "every job ended", everyJobEnded)
                    .add("everyJobSucceeded", "every job succeeded", everyJobSucceeded)
                    .add("bookedOnce", "one succeeded attempt per job in the ledger", bookedOnce)
                    .add("ledgerUsd", "ledger $", ledgerUsd.toPlainString())
                    .add("billUsd", "providers' bill $", bill.toPlainString())
                    .add("unknownCalls", "calls of unknown outcome (cut off by a kill)", open.size())
                    .add("unknownBoundUsd", "their bound $", bound.toPlainString())
                    .add("ledgerLines", "ledger lines", ledger.size())
                    .add("billedCalls", "calls the providers billed", billedCalls)
                    .add("ledgerWithinBill", "ledger <= bill", ledgerWithinBill)
                    .add("billWithinBound", "bill <= ledger + unknown-outcome bound", billWithinBound)
                    .print();
            if (!(everyJobEnded && everyJobSucceeded && bookedOnce && ledgerWithinBill && billWithinBound)) {
                throw new IllegalStateException("a durability property did not hold (see the figures above)");
            }
        }
    }

    private static boolean completed(int sinkPort, String runId) throws InterruptedException {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                    .build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sinkPort + "/runs/" + runId))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode status = Json.mapper().readTree(response.body());
            return "completed".equals(status.path("state").asText());
        } catch (IOException e) {
            return false; // the sink is down (killed, or starting again)
        }
    }

    /** The simulator's bill once it has stopped moving: calls a killed process made are billed when they are done. */
    private static Money settledBill(SimulatorFixture simulator) throws InterruptedException {
        Money last = simulator.billTotal();
        long since = System.nanoTime();
        while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(250);
            Money now = simulator.billTotal();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /** Quotas far above what the run asks for: the subject is what survives a kill, not waiting for a window. */
    private static Map<String, String> generousLimits() {
        Map<String, String> env = new HashMap<>();
        for (String provider : List.of("DEEPSEEK", "QWEN", "ANTHROPIC", "GEMINI", "OPENAI", "MISTRAL")) {
            env.put("NIGHTSHIFT_PROVIDERS_" + provider + "_LIMITS_REQUESTSPERMINUTE", "100000");
            env.put("NIGHTSHIFT_PROVIDERS_" + provider + "_LIMITS_CONCURRENTREQUESTS", "32");
        }
        return env;
    }

    private static List<String> with(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
