package dev.nightshift.bench.routing;

import dev.nightshift.bench.harness.SimulatedProviders;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sink.query.RunStatus;
import dev.nightshift.sink.run.RunState;
import dev.nightshift.validator.ValidatorVerticle;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * One routing pass: the workload through sink, router (with the pass's routing), worker and validator on one
 * Vert.x, as {@code nightshift run} deploys them, against the shared simulator; candidates judged by the defect
 * the simulator seeded into them. Its own sink folder, so no pass is answered from another's artifact cache.
 */
final class RoutingPass {
    private static final Duration POLL = Duration.ofMillis(200);

    private RoutingPass() {
    }

    /** What a pass cost and delivered. */
    record Result(String name, int jobs, long passed, Money usd, long attempts, Map<String, Money> byModel, double seconds) {
        double passRate() {
            return (double) passed / jobs;
        }

        double usdPerPass() {
            return passed == 0 ? Double.NaN : usd.toBigDecimal().doubleValue() / passed;
        }
    }

    static Result run(String name, String bootstrap, NightshiftConfig base, RouterConfig routing, ProviderSimulator simulator,
                      Path home, RoutingWorkload workload, Duration timeout) throws Exception {
        NightshiftConfig config = SimulatedProviders.unlimitedAt(simulator, base);
        Vertx vertx = Vertx.vertx();
        try {
            SinkVerticle sink = new SinkVerticle(config, bootstrap, home.resolve("sink"));
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, routing).trustingCacheOf(sink.storeId()))
                    .await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new WorkerVerticle(config, bootstrap, SimulatedProviders.keys(config))).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(ValidatorVerticle.judgingWith(config, bootstrap, home.resolve("validator"),
                    new SeededDefectJudge(simulator.seededTests()))).await(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            publish(bootstrap, workload);
            RunStatus status = awaitCompleted(sink, workload, timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(name, workload.jobs().size(), status.jobs().succeeded(), status.cost().usd(),
                    status.progress().attempts(), status.cost().byModel(), seconds);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static void publish(String bootstrap, RoutingWorkload workload) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "bench-routing-ingest"))) {
            producer.send(new ProducerRecord<>(Topics.RUNS, workload.plan().runId(), MessageCodec.RUN_PLANNED.encode(workload.plan())))
                    .get(60, TimeUnit.SECONDS);
            for (Job job : workload.jobs()) {
                producer.send(new ProducerRecord<>(Topics.JOBS, job.jobId(), MessageCodec.JOB.encode(job)),
                        (meta, e) -> failure.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static RunStatus awaitCompleted(SinkVerticle sink, RoutingWorkload workload, Duration timeout) {
        String runId = workload.plan().runId();
        AtomicReference<RunStatus> last = new AtomicReference<>();
        Awaitility.await("the sink reports run " + runId + " of " + workload.jobs().size() + " jobs completed")
                .atMost(timeout).pollInterval(POLL).until(() -> {
                    Optional<RunStatus> status = sink.queries().run(runId).map(r -> sink.queries().status(runId, null));
                    status.ifPresent(last::set);
                    return status.isPresent() && status.get().state() == RunState.COMPLETED;
                });
        return last.get();
    }
}
