package dev.nightshift.worker;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RunControlFollower;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.worker.attempt.AttemptOutcomes;
import dev.nightshift.worker.attempt.AttemptRunner;
import dev.nightshift.worker.attempt.CallDeadline;
import dev.nightshift.worker.attempt.ProviderGate;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.batch.BatchClients;
import dev.nightshift.worker.batch.BatchLane;
import dev.nightshift.worker.batch.BatchStore;
import dev.nightshift.worker.circuit.CircuitBreaker;
import dev.nightshift.worker.health.HealthReporter;
import dev.nightshift.worker.lane.LaneObserver;
import dev.nightshift.worker.lane.LanePoller;
import dev.nightshift.worker.lane.LaneTopology;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.provider.ProviderClient;
import dev.nightshift.worker.provider.ProviderClients;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.quota.AimdScale;
import dev.nightshift.worker.quota.QuotaLedger;
import dev.nightshift.worker.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service: works the lane of every configured provider. On start it creates its topics and
 * configures the lanes' share groups (idempotently), then runs one {@link Lane} per provider: a
 * {@link LanePoller} thread whose records an {@link AttemptRunner} works on this verticle's context,
 * through that provider's {@link ProviderGate} (quotas shared across replicas, pause, circuit), and, for a provider
 * whose batch API may be used, a {@link BatchLane} collecting its batch lane into provider batches. Stop takes
 * no new work, finishes or releases in-flight jobs and closes everything within the shutdown grace period.
 */
public class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
    private static final Duration BATCH_CALL_DEADLINE = Duration.ofMinutes(5);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final Map<String, ApiKey> keys;
    private final WorkerSettings settings;
    private final InstantSource clock;
    private final WorkerEvents events;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, BatchLane> batchLanes = new LinkedHashMap<>();
    /** The providers whose lanes to work; {@code null}: every configured provider. */
    private Set<String> workedProviders;

    private Producer<String, byte[]> producer;
    private Admin admin;
    private RunControlFollower runControls;
    private WebClient web;

    public WorkerVerticle(NightshiftConfig config, String bootstrap, Map<String, ApiKey> keys) {
        this(config, bootstrap, keys, WorkerSettings.DEFAULTS);
    }

    public WorkerVerticle(
            NightshiftConfig config, String bootstrap, Map<String, ApiKey> keys, WorkerSettings settings) {
        this(config, bootstrap, keys, settings, WorkerEvents.NONE);
    }

    /**
     * @param events where the worker reports what it does; {@code new MicrometerWorkerEvents(registry)} for the
     *               catalogue's meters
     */
    public WorkerVerticle(
            NightshiftConfig config,
            String bootstrap,
            Map<String, ApiKey> keys,
            WorkerSettings settings,
            WorkerEvents events) {
        this.events = java.util.Objects.requireNonNull(events, "events");
        this.config = config;
        this.bootstrap = bootstrap;
        this.keys = Map.copyOf(keys);
        this.settings = settings;
        this.clock = settings.timeScale().clock();
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
                    admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-worker-admin-" + instanceId));
                    LaneTopology.ensure(
                            admin,
                            config.providers().keySet(),
                            settings.lanePartitions(),
                            settings.lockDuration(),
                            settings.deliveryLimit());
                    // Building a producer reads metadata and may block: not on the event loop.
                    producer = new KafkaProducer<>(
                            KafkaClientProps.producer(bootstrap, "nightshift-worker-" + instanceId));
                    runControls =
                            new RunControlFollower(bootstrap, "nightshift-worker-run-control-" + instanceId).start();
                    return null;
                })
                .map(v -> {
                    web = WebClient.create(
                            vertx,
                            new WebClientOptions()
                                    .setKeepAlive(true)
                                    .setUserAgent("nightshift-worker")
                                    .setDecompressionSupported(true),
                            new PoolOptions().setHttp1MaxSize(256));
                    ResultPublisher publisher = new ResultPublisher(producer);
                    BatchStore store = new BatchStore(producer, bootstrap);
                    config.providers().forEach((id, provider) -> {
                        if (workedProviders == null || workedProviders.contains(id)) {
                            startLane(id, provider, publisher);
                            if (provider.batch().enabled()) {
                                startBatchLane(id, provider, publisher, store);
                            }
                        }
                    });
                    return null;
                });
    }

    /**
     * Works only these providers' lanes, leaving the others to workers that can call them (a served worker without a
     * provider's key); by default every configured provider's. Called before the verticle is deployed.
     */
    public WorkerVerticle workingOnly(Set<String> providers) {
        this.workedProviders = Set.copyOf(providers);
        return this;
    }

    private void startLane(String id, ProviderConfig provider, ResultPublisher publisher) {
        Optional<ApiKey> key = Optional.ofNullable(keys.get(id));
        if (key.isEmpty()) {
            LOG.atWarn()
                    .addKeyValue("provider", id)
                    .log(
                            "no API key for this provider; calls go without one (fine for the simulator and local servers)");
        }
        ProviderClient client = ProviderClients.forProvider(provider, key, vertx, web, clock, settings.callDeadline());
        QuotaLedger ledger = new QuotaLedger(provider.limits(), new AimdScale(50, Duration.ofSeconds(2)));
        CircuitBreaker circuit = new CircuitBreaker(
                settings.circuitThreshold(),
                settings.circuitOpenFor(),
                settings.circuitOpenFor().multipliedBy(10));
        ProviderGate gate = new ProviderGate(
                vertx,
                id,
                ledger,
                circuit,
                settings.timeScale(),
                new Backoff(Duration.ofSeconds(1), settings.maxBackoff()),
                events);
        AttemptRunner runner = new AttemptRunner(
                vertx,
                config,
                id,
                client,
                publisher,
                gate,
                settings.timeScale(),
                new Backoff(Duration.ofSeconds(1), settings.maxBackoff()),
                RandomGenerator.getDefault(),
                settings.deliveryLimit(),
                events,
                new CallDeadline(settings.callDeadlineFloor(), settings.callDeadline()));
        int maxSlots = provider.limits().concurrencyOr(settings.defaultSlots());
        // max.poll.records bounds what this replica can ever hold; membership refreshes only lower the slots.
        int initialSlots = Lane.initialSlots(provider.limits(), maxSlots);
        AtomicInteger slots = new AtomicInteger(initialSlots);
        String clientId = "nightshift-worker-" + id + "-" + instanceId;
        Properties props = KafkaClientProps.shareConsumer(
                bootstrap, clientId, Topics.workerGroup(id), Lane.holdPerConsumer(provider.limits(), maxSlots));
        LanePoller poller = new LanePoller(
                id,
                props,
                Topics.lane(id),
                slots::get,
                context,
                runner,
                settings.lockDuration(),
                settings.shutdownGrace(),
                runControls::stops);
        Lane lane = new Lane(
                id,
                poller,
                gate,
                new HealthReporter(id, gate, publisher, clock),
                new LaneObserver(admin, Topics.workerGroup(id), clientId),
                slots,
                maxSlots,
                clock,
                events);
        events.laneStarted(id, provider);
        lanes.put(id, lane);
        lane.start(vertx, context, settings.observeInterval().toMillis());
        LOG.atInfo().addKeyValue("provider", id).addKeyValue("slots", maxSlots).log("working lane " + Topics.lane(id));
    }

    /**
     * The provider's batch lane, beside its synchronous one: requests of runs with a deadline collected into provider
     * batches at the batch price.
     */
    private void startBatchLane(String id, ProviderConfig provider, ResultPublisher publisher, BatchStore store) {
        Optional<ApiKey> key = Optional.ofNullable(keys.get(id));
        // Batch calls are short (a submission, a status, a results download), but an upload or a download may be large.
        HttpExchange http = new HttpExchange(vertx, web, clock, BATCH_CALL_DEADLINE);
        AttemptOutcomes outcomes = new AttemptOutcomes(
                vertx,
                config,
                id,
                publisher,
                settings.timeScale(),
                new Backoff(Duration.ofSeconds(1), settings.maxBackoff()),
                RandomGenerator.getDefault(),
                settings.deliveryLimit());
        BatchLane lane = new BatchLane(
                id,
                config,
                new BatchLane.Parts(
                        vertx,
                        context,
                        bootstrap,
                        "nightshift-worker-batch-" + id + "-" + instanceId,
                        BatchClients.forProvider(provider, key, http),
                        store,
                        publisher,
                        outcomes,
                        runControls::stops,
                        settings.timeScale(),
                        settings.shutdownGrace(),
                        events));
        batchLanes.put(id, lane);
        lane.start();
        LOG.atInfo().addKeyValue("provider", id).log("working batch lane " + Topics.batchLane(id));
    }

    /** The running batch lane of a provider; for tests. */
    public BatchLane batchLane(String provider) {
        return batchLanes.get(provider);
    }

    /**
     * Calls under way over all lanes. Records waiting for a slot are not counted: a worker that stops gives them back
     * to their lane unstarted.
     */
    public int callsUnderWay() {
        return lanes.values().stream().mapToInt(l -> l.poller().callsUnderWay()).sum();
    }

    /** The running lane of a provider; for tests and benchmarks that inspect quotas and circuits. */
    public Lane lane(String provider) {
        return lanes.get(provider);
    }

    @Override
    public Future<?> stop() {
        lanes.values().forEach(l -> l.stop(vertx));
        batchLanes.values().forEach(BatchLane::stop);
        return vertx.executeBlocking(() -> {
                    long deadline = System.nanoTime()
                            + settings.shutdownGrace().plusSeconds(10).toNanos();
                    for (Lane l : lanes.values()) {
                        l.join((deadline - System.nanoTime()) / 1_000_000);
                    }
                    for (BatchLane l : batchLanes.values()) {
                        l.join((deadline - System.nanoTime()) / 1_000_000);
                    }
                    if (producer != null) {
                        producer.close(Duration.ofSeconds(5));
                    }
                    if (runControls != null) {
                        runControls.close();
                    }
                    if (admin != null) {
                        admin.close(Duration.ofSeconds(5));
                    }
                    return null;
                })
                .eventually(() -> {
                    if (web != null) {
                        web.close();
                    }
                    return Future.succeededFuture();
                });
    }
}
