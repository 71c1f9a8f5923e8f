package dev.nightshift.router;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.engine.RouterEngine;
import dev.nightshift.router.engine.RouterEvents;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.kafka.CacheSource;
import dev.nightshift.router.kafka.HealthSource;
import dev.nightshift.router.kafka.RouterLoop;
import dev.nightshift.router.kafka.RoutingStatsSource;
import dev.nightshift.router.kafka.RunControlSource;
import dev.nightshift.router.kafka.TopicDispatcher;
import dev.nightshift.router.learning.RoutingStats;
import dev.nightshift.router.policy.RoutingPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.InstantSource;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router service: consumes planned jobs from {@code nightshift.jobs}, picks a model for each with the
 * routing policy and publishes a {@code LaneRequest} to {@code nightshift.lane.<provider>} — or, for a job
 * no model or budget can take, a terminal attempt to {@code nightshift.results}. It also reads failed
 * attempts from {@code nightshift.retry} (failover, escalation), settled attempts from
 * {@code nightshift.results} (budgets), run budgets from {@code nightshift.runs} and provider health from
 * {@code nightshift.health}. Offsets are committed only after the sends are acknowledged. The Kafka clients
 * and all routing state live on one dedicated thread ({@link RouterLoop}); the event loop only starts and
 * stops it.
 */
public class RouterVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(RouterVerticle.class);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final RouterConfig routerConfig;
    private final InstantSource clock;
    private final RouterEvents events;
    /** The routing statistics this router routes by, kept current from {@code nightshift.routing-stats}. */
    private final RoutingStats routingStats = new RoutingStats();

    private String trustedStore;
    private RouterLoop loop;

    /** The foundation's routing: core's {@code routing.rules} (one chain per task), no budgets, no spill-over. */
    public RouterVerticle(NightshiftConfig config, String bootstrap) {
        this(config, bootstrap, RouterConfig.coreOnly(config));
    }

    /** Routing by the router's own policy, e.g. {@code RouterConfigLoader.loadDefault(config)} for the bundled tiers. */
    public RouterVerticle(NightshiftConfig config, String bootstrap, RouterConfig routerConfig) {
        this(config, bootstrap, routerConfig, InstantSource.system());
    }

    public RouterVerticle(NightshiftConfig config, String bootstrap, RouterConfig routerConfig, InstantSource clock) {
        this(config, bootstrap, routerConfig, clock, RouterEvents.NONE);
    }

    /**
     * @param events where metrics go, e.g. {@code new MicrometerRouterEvents(registry)}
     */
    public RouterVerticle(
            NightshiftConfig config,
            String bootstrap,
            RouterConfig routerConfig,
            InstantSource clock,
            RouterEvents events) {
        this.events = events;
        this.config = config;
        this.bootstrap = bootstrap;
        this.routerConfig = routerConfig;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
                    ensureTopics();
                    return null;
                })
                .compose(v -> startLoop());
    }

    private void ensureTopics() {
        // The router reads topics others produce; creating the table (idempotently) lets it start before they do.
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-router-admin"))) {
            TopicAdmin.ensureTable(admin, config.providers().keySet());
        }
    }

    /** Serves from the cache only the entries of this sink store (a router deployed beside its sink); before start. */
    public RouterVerticle trustingCacheOf(String storeId) {
        this.trustedStore = storeId;
        return this;
    }

    // The callback completes the promise, so the stage that whenComplete returns has nothing more to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private Future<Void> startLoop() {
        RoutingPolicy policy = routerConfig.policy(config, routingStats);
        HealthBoard health = new HealthBoard(clock, routerConfig.healthStaleAfter());
        CacheSource cache = new CacheSource(bootstrap, trustedStore);
        RouterEngine engine = new RouterEngine(
                config,
                policy,
                new RetryPlanner(policy, routerConfig.failover()),
                health,
                new BudgetLedger(routerConfig.budgets()),
                routerConfig.expectedOutput(),
                clock,
                events,
                cache,
                routerConfig.batchMargin());
        loop = new RouterLoop(
                        bootstrap,
                        "nightshift-router",
                        Topics.ROUTER_GROUP,
                        TopicDispatcher.topics(config.providers().keySet()),
                        new TopicDispatcher(engine, routerConfig.dispatchWindow()),
                        List.of(
                                new HealthSource(bootstrap, engine::onHealth),
                                cache,
                                new RunControlSource(bootstrap, engine::onRunControl),
                                new RoutingStatsSource(bootstrap, routingStats)),
                        events::consumerLag)
                .keepingState();
        Thread thread = new Thread(loop, "nightshift-router-loop");
        thread.setDaemon(true);
        thread.start();
        Promise<Void> started = Promise.promise();
        loop.started().whenComplete((v, e) -> {
            if (e == null) {
                LOG.atInfo().log(
                        "router started: {} rules, strategy {}, {} routing statistics cells, lanes for {}",
                        policy.rules().size(),
                        routerConfig.strategy().id(),
                        routingStats.size(),
                        config.providers().keySet());
                started.complete();
            } else {
                started.fail(e);
            }
        });
        return started.future();
    }

    /**
     * The routing statistics this router knows: every cell of {@code nightshift.routing-stats}, read whole before the
     * router started routing and followed since. Readable from any thread; what {@code cheapest-per-pass} routes by.
     */
    public RoutingStats routingStats() {
        return routingStats;
    }

    // Stopping succeeds however the loop ended; the callback says so, and the stage whenComplete returns is moot.
    @Override
    @SuppressWarnings("FutureReturnValueIgnored")
    public Future<?> stop() {
        if (loop == null) {
            return Future.succeededFuture();
        }
        loop.stop();
        Promise<Void> stopped = Promise.promise();
        loop.stopped().whenComplete((v, e) -> stopped.complete());
        return stopped.future();
    }
}
