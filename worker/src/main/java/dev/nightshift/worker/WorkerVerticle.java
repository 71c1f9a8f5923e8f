package dev.nightshift.worker;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.worker.attempt.AttemptRunner;
import dev.nightshift.worker.attempt.CallGate;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.lane.LanePoller;
import dev.nightshift.worker.lane.LaneTopology;
import dev.nightshift.worker.provider.ProviderClient;
import dev.nightshift.worker.provider.ProviderClients;
import dev.nightshift.worker.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service: works the lane of every configured provider. On start it creates its topics and
 * configures the lanes' share groups (idempotently), then runs one {@link LanePoller} thread per lane whose
 * records are worked by an {@link AttemptRunner} on this verticle's context. Stop takes no new work,
 * finishes or releases in-flight jobs and closes everything within the shutdown grace period.
 */
public class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final Map<String, ApiKey> keys;
    private final WorkerSettings settings;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final List<LanePoller> pollers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<String, byte[]> producer;
    private WebClient web;

    public WorkerVerticle(NightshiftConfig config, String bootstrap, Map<String, ApiKey> keys) {
        this(config, bootstrap, keys, WorkerSettings.DEFAULTS);
    }

    public WorkerVerticle(NightshiftConfig config, String bootstrap, Map<String, ApiKey> keys, WorkerSettings settings) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.keys = Map.copyOf(keys);
        this.settings = settings;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-worker-admin-" + instanceId))) {
                LaneTopology.ensure(admin, config.providers().keySet(), settings.lanePartitions(), settings.lockDuration(),
                        settings.deliveryLimit());
            }
            return null;
        }).map(v -> {
            producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "nightshift-worker-" + instanceId));
            web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setUserAgent("nightshift-worker")
                    .setDecompressionSupported(true), new PoolOptions().setHttp1MaxSize(64));
            ResultPublisher publisher = new ResultPublisher(producer);
            config.providers().forEach((id, provider) -> startLane(id, provider, publisher));
            return null;
        });
    }

    private void startLane(String id, ProviderConfig provider, ResultPublisher publisher) {
        Optional<ApiKey> key = Optional.ofNullable(keys.get(id));
        if (key.isEmpty()) {
            LOG.atWarn().addKeyValue("provider", id).log("no API key for this provider; calls go without one (fine for the simulator and local servers)");
        }
        InstantSource clock = InstantSource.system();
        ProviderClient client = ProviderClients.forProvider(provider, key, vertx, web, clock, settings.callDeadline());
        AttemptRunner runner = new AttemptRunner(vertx, config, id, client, publisher, CallGate.OPEN, clock,
                new Backoff(Duration.ofSeconds(1), settings.maxBackoff()), RandomGenerator.getDefault(), settings.deliveryLimit());
        int slots = provider.limits().concurrencyOr(settings.defaultSlots());
        Properties props = KafkaClientProps.shareConsumer(bootstrap, "nightshift-worker-" + id + "-" + instanceId,
                Topics.workerGroup(id), slots);
        LanePoller poller = new LanePoller(id, props, Topics.lane(id), () -> slots, context, runner,
                settings.lockDuration(), settings.shutdownGrace());
        Thread thread = new Thread(poller, "nightshift-lane-" + id + "-" + instanceId);
        thread.setDaemon(true);
        pollers.add(poller);
        threads.add(thread);
        thread.start();
        LOG.atInfo().addKeyValue("provider", id).addKeyValue("slots", slots).log("working lane " + Topics.lane(id));
    }

    @Override
    public Future<?> stop() {
        pollers.forEach(LanePoller::stop);
        return vertx.executeBlocking(() -> {
            long deadline = System.nanoTime() + settings.shutdownGrace().plusSeconds(10).toNanos();
            for (Thread t : threads) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                t.join(left);
            }
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            return null;
        }).eventually(() -> {
            if (web != null) {
                web.close();
            }
            return Future.succeededFuture();
        });
    }
}
