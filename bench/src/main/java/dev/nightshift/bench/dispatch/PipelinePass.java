package dev.nightshift.bench.dispatch;

import dev.nightshift.bench.harness.PlanPublisher;
import dev.nightshift.bench.harness.SimulatedProviders;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * nightshift's own path for the same jobs: published as ingest publishes them, then router → lane →
 * worker → zero-latency simulator → results → sink, on one Vert.x as {@code nightshift run} deploys them,
 * with every provider's quota unlimited. Done when the sink reports the run completed.
 */
final class PipelinePass {
    private PipelinePass() {}

    static Pass run(String bootstrap, NightshiftConfig base, Path sinkDir, DispatchWorkload workload, Duration timeout)
            throws Exception {
        SimulatorConfig simConfig = SimulatorConfig.from(base);
        for (String id : base.providers().keySet()) {
            simConfig = simConfig.withProvider(id, p -> p.withLatency(Latency.NONE));
        }
        Vertx vertx = Vertx.vertx();
        try (ProviderSimulator simulator = ProviderSimulator.start(simConfig)) {
            NightshiftConfig config = SimulatedProviders.unlimitedAt(simulator, base);
            SinkVerticle sink = new SinkVerticle(config, bootstrap, sinkDir);
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, RouterConfigLoader.loadDefault(config)))
                    .await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new WorkerVerticle(config, bootstrap, SimulatedProviders.keys(config)))
                    .await(60, TimeUnit.SECONDS);
            long cpu = CpuClock.processNanos();
            long start = System.nanoTime();
            PlanPublisher.publish(bootstrap, "bench-dispatch-ingest", workload.plan(), workload.jobs());
            awaitCompleted(sink, workload, timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Pass(workload.jobs().size(), seconds, CpuClock.processNanos() - cpu);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static void awaitCompleted(SinkVerticle sink, DispatchWorkload workload, Duration timeout) {
        RunStatus status = PlanPublisher.awaitCompleted(
                sink, workload.plan().runId(), workload.jobs().size(), timeout);
        if (status.jobs().succeeded() != workload.jobs().size()) {
            throw new IllegalStateException("the run completed with " + status.jobs()
                    + " instead of every job succeeded; the figures would not be comparable");
        }
    }
}
