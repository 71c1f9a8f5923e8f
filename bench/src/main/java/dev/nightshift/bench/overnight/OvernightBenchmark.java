package dev.nightshift.bench.overnight;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.bench.harness.SimulatedProviders;
import dev.nightshift.core.config.BatchConfig;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run overnight [jobs=2000]}: the same plan of documentation and test jobs run twice on one pipeline —
 * synchronously, then with a deadline, so that the router sends what can wait to the providers' batch APIs — and what
 * the simulated providers billed for each. Durations are shrunk so the benchmark takes minutes: the simulator ends a
 * batch 10 s after it is submitted (providers take minutes to hours), the worker submits what it collected after 2 s,
 * and the deadline is 15 minutes after the start, which the router's figures (a batch's expected turnaround of a
 * minute until it sees one end, a test's three rounds of judging) must fit before it chooses a batch.
 */
public final class OvernightBenchmark implements Benchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final long TURNAROUND_MS = 10_000;

    /** Tests on GPT-4o mini and documentation on Gemini Flash first: both providers have a batch API. */
    private static final String ROUTING = """
            router:
              includeCoreRules: true
              rules:
                - name: tests-overnight
                  task: tests
                  models: [openai/gpt-4o-mini, anthropic/claude-3-5-haiku]
                - name: docs-overnight
                  task: docs
                  models: [gemini/gemini-1.5-flash, anthropic/claude-3-5-haiku]
              batch:
                margin: PT5S
            """;

    @Override
    public String name() {
        return "overnight";
    }

    @Override
    public String description() {
        return "[jobs=2000] the same plan synchronously and with a deadline (provider batches): cost, deadline, quota";
    }

    @Override
    public void run(String[] args) throws Exception {
        int jobs = new BenchArgs(name(), args).positiveInt(0, "jobs", 2_000);
        NightshiftConfig base = withQuickBatches(ConfigLoader.loadDefault(Map.of()));
        String bootstrap = KafkaTestBroker.bootstrapServers();
        SimulatorConfig simConfig = SimulatorConfig.from(base);
        for (String id : base.providers().keySet()) {
            simConfig = simConfig.withProvider(id, p -> p.withLatency(Latency.NONE)
                    .withBatch(BatchSettings.DEFAULT.withTurnaroundMs(TURNAROUND_MS)));
        }
        Vertx vertx = Vertx.vertx();
        try (ScratchDir dir = new ScratchDir("nightshift-bench-overnight");
                ProviderSimulator simulator = ProviderSimulator.start(simConfig)) {
            NightshiftConfig config = SimulatedProviders.unlimitedAt(simulator, base);
            Path routingFile = dir.resolve("routing.yaml");
            Files.writeString(routingFile, ROUTING);
            RouterConfig routing = RouterConfigLoader.load(routingFile, config);
            SinkVerticle sink = new SinkVerticle(config, bootstrap, dir.resolve("sink"));
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, routing)).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new WorkerVerticle(config, bootstrap, SimulatedProviders.keys(config)))
                    .await(60, TimeUnit.SECONDS);

            OvernightPass sync = OvernightPass.run(
                    bootstrap, simulator, sink, OvernightWorkload.of("r-overnight-sync", "sync", jobs, null), TIMEOUT);
            Instant deadline = Instant.now().plus(DEADLINE);
            OvernightPass overnight = OvernightPass.run(
                    bootstrap,
                    simulator,
                    sink,
                    OvernightWorkload.of("r-overnight-deadline", "deadline", jobs, deadline),
                    TIMEOUT);
            report(jobs, sync, overnight, deadline);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private void report(int jobs, OvernightPass sync, OvernightPass overnight, Instant deadline) {
        BigDecimal syncUsd = sync.billedUsd().toBigDecimal();
        BigDecimal deadlineUsd = overnight.billedUsd().toBigDecimal();
        double saving = syncUsd.signum() == 0
                ? 0
                : BigDecimal.ONE
                        .subtract(deadlineUsd.divide(syncUsd, MathContext.DECIMAL64))
                        .doubleValue();
        double quotaShare = sync.synchronousRequests() == 0
                ? 0
                : (double) overnight.synchronousRequests() / sync.synchronousRequests();
        new Figures(name())
                .add("jobs", "jobs per pass", jobs)
                .add("syncUsd", "billed, synchronous pass ($)", sync.billedUsd().toPlainString())
                .add(
                        "deadlineUsd",
                        "billed, pass with a deadline ($)",
                        overnight.billedUsd().toPlainString())
                .add("saving", "saving: 1 - deadline / synchronous (goal >= 0.45)", saving)
                .add(
                        "deadlineMet",
                        "deadline pass ended before its deadline (goal: true)",
                        !overnight.endedAt().isAfter(deadline))
                .add("syncQuotaShare", "synchronous requests, deadline / synchronous pass (goal <= 0.05)", quotaShare)
                .add("batchItems", "batch items, deadline pass", overnight.batchItems())
                .add("syncRequests", "synchronous requests, synchronous pass", sync.synchronousRequests())
                .add("deadlineSyncRequests", "synchronous requests, deadline pass", overnight.synchronousRequests())
                .add(
                        "ledgerMatchesBill",
                        "ledger = bill to the nano-dollar, both passes",
                        sync.ledgerMatchesBill() && overnight.ledgerMatchesBill())
                .add("syncSeconds", "synchronous pass wall s", sync.seconds())
                .add("deadlineSeconds", "deadline pass wall s", overnight.seconds())
                .add("succeeded", "jobs succeeded, both passes", sync.succeeded() + overnight.succeeded())
                .json("batchTurnaroundSeconds", TURNAROUND_MS / 1000.0)
                .json("deadlineAfterSeconds", DEADLINE.toSeconds())
                .json("cores", Runtime.getRuntime().availableProcessors())
                .print();
    }

    /** Each provider with a batch API submits what it collected after 2 s and expects a batch back within a minute. */
    private static NightshiftConfig withQuickBatches(NightshiftConfig config) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers().forEach((id, p) -> {
            BatchConfig b = p.batch();
            providers.put(
                    id,
                    b.enabled()
                            ? p.withBatch(new BatchConfig(true, b.priceFactor(), 1, b.maxRequests(), b.maxBytes(), 2))
                            : p);
        });
        return config.withProviders(providers);
    }
}
