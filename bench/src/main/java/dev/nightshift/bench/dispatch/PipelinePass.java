package dev.nightshift.bench.dispatch;

import dev.nightshift.bench.harness.SimulatedProviders;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sink.query.RunStatus;
import dev.nightshift.sink.run.RunState;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * nightshift's own path for the same jobs: published as ingest publishes them, then router → lane →
 * worker → zero-latency simulator → results → sink, on one Vert.x as {@code nightshift run} deploys them,
 * with every provider's quota unlimited. Done when the sink reports the run completed.
 */
final class PipelinePass {
    private static final Duration POLL = Duration.ofMillis(50);

    private PipelinePass() {
    }

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
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, RouterConfigLoader.loadDefault(config))).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new WorkerVerticle(config, bootstrap, SimulatedProviders.keys(config))).await(60, TimeUnit.SECONDS);
            long cpu = CpuClock.processNanos();
            long start = System.nanoTime();
            publish(bootstrap, workload);
            awaitCompleted(sink, workload, timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Pass(workload.jobs().size(), seconds, CpuClock.processNanos() - cpu);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static void publish(String bootstrap, DispatchWorkload workload) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "bench-dispatch-ingest"))) {
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

    private static void awaitCompleted(SinkVerticle sink, DispatchWorkload workload, Duration timeout) {
        String runId = workload.plan().runId();
        Awaitility.await("the sink reports run " + runId + " of " + workload.jobs().size() + " jobs completed")
                .atMost(timeout).pollInterval(POLL).until(() -> completed(sink, runId, workload.jobs().size()));
    }

    private static boolean completed(SinkVerticle sink, String runId, int jobs) {
        Optional<RunStatus> status = sink.queries().run(runId).map(r -> sink.queries().status(runId, null));
        if (status.isEmpty() || status.get().state() != RunState.COMPLETED) {
            return false;
        }
        if (status.get().jobs().succeeded() != jobs) {
            throw new IllegalStateException("the run completed with " + status.get().jobs()
                    + " instead of every job succeeded; the figures would not be comparable");
        }
        return true;
    }
}
