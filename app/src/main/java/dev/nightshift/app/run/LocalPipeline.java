package dev.nightshift.app.run;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.estimate.PlanPricer;
import dev.nightshift.app.home.LiveProcess;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.metrics.MetricsServer;
import dev.nightshift.app.metrics.RouterMeters;
import dev.nightshift.broker.EmbeddedKafkaBroker;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.BatchConfig;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.ingest.IngestService;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.sink.SinkOptions;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sink.metrics.MicrometerSinkEvents;
import dev.nightshift.validator.ValidatorVerticle;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.metrics.MicrometerWorkerEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Everything of nightshift in this JVM: an embedded broker (unless one is given), the simulator for a dry
 * run, and the five services on one Vert.x instance. The same services that {@code nightshift serve}
 * runs one at a time; here they still talk only through Kafka.
 */
public final class LocalPipeline implements AutoCloseable {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final NightshiftConfig config;
    private final String bootstrap;
    private final IngestService ingest;
    private final SinkVerticle sink;
    private final boolean simulated;
    private final WorkerVerticle worker;
    private final List<String> haltedOnStart;
    private ProviderSimulator simulator;
    private Integer metricsPort;

    private LocalPipeline(Builder b) {
        try {
            boolean ownBroker = b.bootstrap == null;
            this.bootstrap = ownBroker ? startBroker(b.home) : b.bootstrap;
            Map<String, ApiKey> keys = b.keys;
            NightshiftConfig effective = b.config;
            if (b.simulate) {
                simulator = ProviderSimulator.start(SimulatorConfig.from(b.config));
                toClose.add(0, simulator);
                effective = redirectTo(simulator, b.config);
                keys = simulatedKeys(b.config);
            }
            this.config = effective;
            this.simulated = b.simulate;
            Vertx vertx = Vertx.vertx();
            toClose.add(0, () -> vertx.close().await(30, TimeUnit.SECONDS));
            this.sink = new SinkVerticle(
                    config,
                    bootstrap,
                    b.home.sink(),
                    SinkOptions.defaults().withEvents(new MicrometerSinkEvents(b.registry, InstantSource.system())));
            vertx.deployVerticle(sink).await(60, TimeUnit.SECONDS);
            // This home's broker and store are locked by this process: a run they hold unfinished was left by one
            // that died. It is halted before the router starts, so no one finishes and bills it unasked.
            this.haltedOnStart = ownBroker ? AbandonedRuns.halt(sinkDocuments(), bootstrap) : List.of();
            if (ownBroker) {
                LiveProcess.announce(b.home, bootstrap, sinkUrl());
                toClose.add(() -> LiveProcess.withdraw(b.home));
            }
            RouterConfig routing = b.routerConfig != null ? b.routerConfig : RouterConfigLoader.loadDefault(config);
            vertx.deployVerticle(new RouterVerticle(
                                    config,
                                    bootstrap,
                                    routing,
                                    InstantSource.system(),
                                    RouterMeters.of(b.registry, config))
                            .trustingCacheOf(sink.storeId()))
                    .await(60, TimeUnit.SECONDS);
            this.worker = new WorkerVerticle(
                    config, bootstrap, keys, WorkerSettings.DEFAULTS, new MicrometerWorkerEvents(b.registry));
            vertx.deployVerticle(worker).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(new ValidatorVerticle(config, bootstrap, b.home.validator()))
                    .await(60, TimeUnit.SECONDS);
            this.ingest = new IngestService(
                    config,
                    bootstrap,
                    b.home.repositories(),
                    b.ingestOptions,
                    InstantSource.system(),
                    new PlanPricer(config, routing));
            toClose.add(0, ingest);
            if (b.metricsPort != null) {
                serveMetrics(vertx, b);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the pipeline: " + e.getMessage(), e);
        }
    }

    public static Builder builder(NightshiftConfig config, NightshiftHome home) {
        return new Builder(config, home);
    }

    /** Prometheus scrapes a local run as it scrapes a served one; the services are deployed, so it is ready. */
    private void serveMetrics(Vertx vertx, Builder b) throws Exception {
        MetricsServer server = new MetricsServer(vertx, b.served, () -> Future.succeededFuture(true));
        try {
            metricsPort = server.listen(b.metricsHost, b.metricsPort).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw UserError.badInput("cannot serve metrics on " + b.metricsHost + ":" + b.metricsPort + " ("
                    + e.getMessage() + "); pick a free port with --metrics-port, or 0 for any");
        }
        toClose.add(0, () -> server.close().await(10, TimeUnit.SECONDS));
    }

    private String startBroker(NightshiftHome home) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPersistent(home.kafka());
        toClose.add(broker);
        return broker.bootstrapServers();
    }

    /**
     * The same configuration, with every provider's base URL pointing at the simulator. A dry run lifts the
     * accounts' rate limits (the simulator enforces none by default): it previews what a run produces and
     * costs, not how long the real providers would make it wait. For the same reason the workers submit what they
     * collected for a provider batch after {@link #DRY_RUN_BATCH_WAIT_SECONDS} instead of the configured wait (the
     * simulator answers a batch within seconds).
     */
    static NightshiftConfig redirectTo(ProviderSimulator simulator, NightshiftConfig config) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers()
                .forEach((id, p) -> providers.put(
                        id,
                        new ProviderConfig(
                                p.protocol(),
                                simulator.baseUrlFor(id),
                                p.apiKeyEnv(),
                                null,
                                Limits.UNLIMITED,
                                p.models(),
                                quickBatches(p.batch()))));
        return config.withProviders(providers);
    }

    static final int DRY_RUN_BATCH_WAIT_SECONDS = 2;

    private static BatchConfig quickBatches(BatchConfig b) {
        return new BatchConfig(
                b.enabled(),
                b.priceFactor(),
                b.expectedTurnaroundMinutes(),
                b.maxRequests(),
                b.maxBytes(),
                Math.min(b.maxWaitSeconds(), DRY_RUN_BATCH_WAIT_SECONDS));
    }

    private static Map<String, ApiKey> simulatedKeys(NightshiftConfig config) {
        Map<String, ApiKey> keys = new HashMap<>();
        config.providers().keySet().forEach(id -> keys.put(id, ApiKey.of("simulated-" + id)));
        return keys;
    }

    public IngestService ingest() {
        return ingest;
    }

    public SinkDocuments sinkDocuments() {
        return new SinkDocuments(sinkUrl(), null);
    }

    public String sinkUrl() {
        return "http://" + config.sink().host() + ":" + sink.actualPort();
    }

    public String bootstrap() {
        return bootstrap;
    }

    public NightshiftConfig config() {
        return config;
    }

    /** The simulator standing in for the providers in a dry run. */
    public java.util.Optional<ProviderSimulator> simulator() {
        return java.util.Optional.ofNullable(simulator);
    }

    /** The port of {@code /metrics} when the builder asked for it ({@link Builder#serveMetrics}). */
    public OptionalInt metricsPort() {
        return metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort);
    }

    public boolean simulated() {
        return simulated;
    }

    /** Provider calls the worker has under way. */
    public int callsUnderWay() {
        return worker.callsUnderWay();
    }

    /** Runs this home held unfinished when the pipeline started, now interrupted (their process had died). */
    public List<String> haltedOnStart() {
        return haltedOnStart;
    }

    /** Stops the services, then the simulator, then the broker; never throws. */
    @Override
    public void close() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort: the next resource must still be closed
            }
        }
        toClose.clear();
    }

    /** What the pipeline needs; {@code bootstrap} null means "start an embedded broker under the home". */
    public static final class Builder {
        private final NightshiftConfig config;
        private final NightshiftHome home;
        private Map<String, ApiKey> keys = Map.of();
        private boolean simulate;
        private String bootstrap;
        private RouterConfig routerConfig;
        private MeterRegistry registry = new SimpleMeterRegistry();
        private IngestOptions ingestOptions = IngestOptions.defaults();
        private String metricsHost;
        private Integer metricsPort;
        private PrometheusMeterRegistry served;

        private Builder(NightshiftConfig config, NightshiftHome home) {
            this.config = config;
            this.home = home;
        }

        public Builder keys(Map<String, ApiKey> keys) {
            this.keys = Map.copyOf(keys);
            return this;
        }

        public Builder simulate(boolean simulate) {
            this.simulate = simulate;
            return this;
        }

        public Builder bootstrap(String bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** The router's tiered policy; default: the bundled tiers. */
        public Builder routing(RouterConfig routerConfig) {
            this.routerConfig = routerConfig;
            return this;
        }

        /** Clone timeout, private-address policy and git credentials (see {@link IngestOptions#fromEnvironment}). */
        public Builder ingestOptions(IngestOptions options) {
            this.ingestOptions = options;
            return this;
        }

        /** Where the services' meters go (default: a registry nobody reads). */
        public Builder metrics(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * The services' meters go to {@code registry}, served at {@code http://host:port/metrics} while the
         * pipeline runs (port 0: any free one).
         */
        public Builder serveMetrics(PrometheusMeterRegistry registry, String host, int port) {
            this.registry = registry;
            this.served = registry;
            this.metricsHost = host;
            this.metricsPort = port;
            return this;
        }

        public LocalPipeline start() {
            return new LocalPipeline(this);
        }
    }
}
