package dev.nightshift.bench.routing;

import dev.nightshift.bench.harness.PlanPublisher;
import dev.nightshift.bench.harness.SimulatedProviders;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.validator.ValidatorVerticle;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One routing pass: the workload through sink, router (with the pass's routing), worker and validator on one
 * Vert.x, as {@code nightshift run} deploys them, against the shared simulator; candidates judged by the defect
 * the simulator seeded into them. Its own sink folder, so no pass is answered from another's artifact cache.
 */
final class RoutingPass {
    private RoutingPass() {}

    /** What a pass cost and delivered. */
    record Result(
            String name, int jobs, long passed, Money usd, long attempts, Map<String, Money> byModel, double seconds) {
        double passRate() {
            return (double) passed / jobs;
        }

        /** The pass's ledger dollars divided by its passing tests, exact to a pico-dollar; {@code null} when none passed. */
        BigDecimal usdPerPass() {
            Money perPass = PerPassingTest.of(usd, passed);
            return perPass == null
                    ? null
                    : perPass.toBigDecimal()
                            .setScale(PerPassingTest.SCALE, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros();
        }
    }

    static Result run(
            String name,
            String bootstrap,
            NightshiftConfig base,
            RouterConfig routing,
            ProviderSimulator simulator,
            Path home,
            RoutingWorkload workload,
            Duration timeout)
            throws Exception {
        NightshiftConfig config = SimulatedProviders.unlimitedAt(simulator, base);
        Vertx vertx = Vertx.vertx();
        try {
            SinkVerticle sink = new SinkVerticle(config, bootstrap, home.resolve("sink"));
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, routing).trustingCacheOf(sink.storeId()))
                    .await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new WorkerVerticle(config, bootstrap, SimulatedProviders.keys(config)))
                    .await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(ValidatorVerticle.judgingWith(
                            config,
                            bootstrap,
                            home.resolve("validator"),
                            new SeededDefectJudge(simulator.seededTests())))
                    .await(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            PlanPublisher.publish(bootstrap, "bench-routing-ingest", workload.plan(), workload.jobs());
            RunStatus status = PlanPublisher.awaitCompleted(
                    sink, workload.plan().runId(), workload.jobs().size(), timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(
                    name,
                    workload.jobs().size(),
                    status.jobs().succeeded(),
                    status.cost().usd(),
                    status.progress().attempts(),
                    status.cost().byModel(),
                    seconds);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }
}
