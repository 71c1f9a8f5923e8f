package dev.nightshift.bench.quota;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/**
 * nightshift's way: {@value #REPLICAS} worker replicas, each a {@link WorkerVerticle} on its own Vert.x
 * (separate consumers of the lane's share group, as separate processes would be), drain the jobs put on
 * the lane of one provider account. Done when the simulator has billed every job.
 */
final class WorkerPass {
    static final int REPLICAS = 3;
    private static final Duration POLL = Duration.ofMillis(100);

    /** What the workers themselves counted, beside the provider's view. */
    record Outcome(double seconds, long calls, long rateLimited) {}

    private WorkerPass() {}

    static Outcome run(
            String bootstrap,
            ProviderSimulator simulator,
            NightshiftConfig config,
            String provider,
            List<LaneRequest> jobs,
            WorkerSettings settings,
            Duration timeout)
            throws Exception {
        List<Vertx> replicas = new ArrayList<>();
        List<WorkerVerticle> workers = new ArrayList<>();
        try {
            Map<String, ApiKey> keys = Map.of(provider, ApiKey.of("simulated-" + provider));
            for (int i = 0; i < REPLICAS; i++) {
                Vertx vertx = Vertx.vertx();
                replicas.add(vertx);
                WorkerVerticle worker = new WorkerVerticle(config, bootstrap, keys, settings);
                vertx.deployVerticle(worker).await(60, TimeUnit.SECONDS);
                workers.add(worker);
            }
            // Each replica must know the others before the jobs come, or each would take the whole limit at first.
            awaitMembers(workers, provider, timeout);
            long start = System.nanoTime();
            publish(bootstrap, provider, jobs);
            ScheduledExecutorService probe =
                    LaneProbe.startIf(Boolean.getBoolean("quota.probe"), simulator, provider, workers);
            awaitBilled(simulator, provider, jobs.size(), timeout);
            if (probe != null) {
                probe.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = workers.stream()
                    .mapToLong(w -> w.lane(provider).gate().calls())
                    .sum();
            long limited = workers.stream()
                    .mapToLong(w -> w.lane(provider).gate().rateLimited())
                    .sum();
            return new Outcome(seconds, calls, limited);
        } finally {
            for (Vertx v : replicas) {
                v.close().await(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitMembers(List<WorkerVerticle> workers, String provider, Duration timeout) {
        Awaitility.await("the " + REPLICAS + " worker replicas see each other in the share group of "
                        + Topics.workerGroup(provider))
                .atMost(timeout)
                .pollInterval(POLL)
                .until(() -> workers.stream()
                        .allMatch(w -> w.lane(provider).gate().ledger().members() == REPLICAS));
    }

    // Fire and forget: each send's callback records its failure, thrown after the flush
    @SuppressWarnings("FutureReturnValueIgnored")
    private static void publish(String bootstrap, String provider, List<LaneRequest> jobs) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Producer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "bench-quota-" + provider))) {
            for (LaneRequest r : jobs) {
                producer.send(
                        new ProducerRecord<>(
                                Topics.lane(provider), r.job().jobId(), MessageCodec.LANE_REQUEST.encode(r)),
                        (meta, e) -> failure.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    static void awaitBilled(ProviderSimulator simulator, String provider, int jobs, Duration timeout) {
        // A timeout means the pass is stuck or the machine far too slow (try a smaller scale).
        Awaitility.await(provider + ": the simulator bills all " + jobs + " jobs")
                .atMost(timeout)
                .pollInterval(POLL)
                .until(() -> simulator.bill(provider).size() >= jobs);
    }
}
