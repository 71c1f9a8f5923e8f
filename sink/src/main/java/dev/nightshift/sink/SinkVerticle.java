package dev.nightshift.sink;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.sink.api.BearerAuth;
import dev.nightshift.sink.api.QueryApi;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.cache.CachePublisher;
import dev.nightshift.sink.consume.SinkConsumer;
import dev.nightshift.sink.docs.DocsComposer;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.routing.RoutingStatsPublisher;
import dev.nightshift.sink.store.SinkStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink service: consumes run plans, attempt results and dead letters into RocksDB (ledger, jobs,
 * runs, artifacts, aggregates) and serves the query API on {@code sink.host:sink.port}.
 * Start-up opens the store, makes sure the topics it reads exist, starts the consumer thread and then
 * the HTTP server; stop closes them in reverse order, the store last.
 */
public final class SinkVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SinkVerticle.class);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final Path dataDir;
    private final SinkOptions options;
    private volatile SinkStore store;
    private volatile SinkConsumer consumer;
    private volatile CachePublisher cachePublisher;
    private volatile RoutingStatsPublisher routingPublisher;
    private Duration routingHalfLife = RoutingCell.DEFAULT_HALF_LIFE;
    private volatile DocsComposer docsComposer;
    private volatile SinkQueries queries;
    private volatile ArtifactCache cache;
    private volatile HttpServer server;

    public SinkVerticle(NightshiftConfig config, String bootstrap, Path dataDir) {
        this(config, bootstrap, dataDir, SinkOptions.defaults());
    }

    public SinkVerticle(NightshiftConfig config, String bootstrap, Path dataDir, SinkOptions options) {
        this.config = Objects.requireNonNull(config, "config");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Future<?> start() {
        String tokenEnv = config.sink().tokenEnv();
        BearerAuth auth = BearerAuth.fromSetting(
                tokenEnv, tokenEnv == null ? null : options.env().get(tokenEnv));
        return vertx.executeBlocking(() -> {
                    store = SinkStore.open(dataDir);
                    queries = new SinkQueries(store, options.clock());
                    cache = new ArtifactCache(store);
                    ensureTopics();
                    SinkQueries reads = queries;
                    cachePublisher = new CachePublisher(bootstrap, store.id());
                    routingPublisher = new RoutingStatsPublisher(bootstrap, store);
                    int republished = routingPublisher.publishUnpublished();
                    if (republished > 0) {
                        LOG.atInfo()
                                .addKeyValue("cells", republished)
                                .log("routing statistics left unpublished sent again");
                    }
                    consumer = new SinkConsumer(
                            bootstrap,
                            options.groupId(),
                            new BatchApplier(store, options.clock(), routingHalfLife),
                            options.events(),
                            runId -> reads.run(runId)
                                    .map(r -> reads.status(runId, null))
                                    .orElse(null),
                            cachePublisher);
                    docsComposer =
                            new DocsComposer(store, bootstrap, config.docs().folderInputTokens());
                    consumer.composingDocs(docsComposer);
                    consumer.publishingRoutingStats(routingPublisher);
                    options.events().lanes(config.providers().keySet());
                    java.util.Map<String, java.util.Set<String>> models = new java.util.TreeMap<>();
                    config.providers()
                            .forEach((id, p) -> models.put(id, p.models().keySet()));
                    options.events().testModels(models);
                    consumer.start();
                    return null;
                })
                .compose(v -> vertx.createHttpServer(
                                new HttpServerOptions().setHttp2ClearTextEnabled(false)) // HTTP/1.1, no h2c upgrade
                        .requestHandler(new QueryApi(
                                        vertx,
                                        queries,
                                        new EvaluationQueries(store),
                                        cache,
                                        auth,
                                        () -> consumer.ready())
                                .router())
                        .listen(config.sink().port(), config.sink().host()))
                .onSuccess(s -> {
                    server = s;
                    LOG.atInfo()
                            .addKeyValue("port", s.actualPort())
                            .addKeyValue("dataDir", dataDir.toString())
                            .addKeyValue("auth", auth.enabled())
                            .log("sink started");
                })
                .onFailure(e -> closeQuietly());
    }

    @Override
    public Future<?> stop() {
        Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
        return closing.eventually(() -> vertx.executeBlocking(() -> {
            closeQuietly();
            return null;
        }));
    }

    /**
     * Sets how fast the routing statistics forget (default {@link RoutingCell#DEFAULT_HALF_LIFE}, 14 days); before
     * start. Routers age figures by their own {@code router.learning.halfLife}: keep the two equal.
     */
    public SinkVerticle withRoutingHalfLife(Duration halfLife) {
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the routing statistics' half-life must be positive, got " + halfLife);
        }
        this.routingHalfLife = halfLife;
        return this;
    }

    /** The port the query API listens on (useful with port 0). */
    public int actualPort() {
        HttpServer s = server;
        if (s == null) {
            throw new IllegalStateException("the sink has not started");
        }
        return s.actualPort();
    }

    /** Reads of the sink's state for code in the same JVM (the all-in-one CLI, tests). */
    public SinkQueries queries() {
        return queries;
    }

    /** The identity of this sink's store, stamped on its cache entries: a router in the same JVM trusts only those. */
    public String storeId() {
        return store.id();
    }

    /** The artifact cache, for a router or ingest in the same JVM (see {@link ArtifactCache}). */
    public ArtifactCache artifactCache() {
        return cache;
    }

    private void ensureTopics() {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-sink-admin"))) {
            TopicAdmin.ensureTable(admin, config.providers().keySet());
        }
    }

    private synchronized void closeQuietly() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
        if (cachePublisher != null) {
            cachePublisher.close();
            cachePublisher = null;
        }
        if (routingPublisher != null) {
            routingPublisher.close();
            routingPublisher = null;
        }
        if (docsComposer != null) {
            docsComposer.close();
            docsComposer = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
