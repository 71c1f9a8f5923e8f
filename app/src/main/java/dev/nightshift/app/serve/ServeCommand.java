package dev.nightshift.app.serve;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.metrics.KafkaReadiness;
import dev.nightshift.app.metrics.MetricsServer;
import dev.nightshift.app.metrics.RouterMeters;
import dev.nightshift.app.metrics.Telemetry;
import dev.nightshift.broker.EmbeddedKafkaBroker;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.SinkConfig;
import dev.nightshift.ingest.IngestVerticle;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.sink.SinkOptions;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sink.metrics.MicrometerSinkEvents;
import dev.nightshift.validator.ValidatorVerticle;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import dev.nightshift.worker.metrics.MicrometerWorkerEvents;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift serve ingest|router|worker|validator|sink}: one service against an external Kafka, until
 * SIGTERM. docker-compose and Helm run nightshift this way; workers scale by adding replicas.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run one service against an external Kafka.")
public final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_SINK_PORT = 8480;

    enum Service {
        broker,
        ingest,
        router,
        worker,
        validator,
        sink
    }

    @Parameters(
            index = "0",
            paramLabel = "broker|ingest|router|worker|validator|sink",
            description = "The service to run (broker: a one-node Kafka for local use, on 127.0.0.1).")
    Service service;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description =
                    "broker: the port it listens on; its controller takes the next one (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (also: NIGHTSHIFT_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "Data folder (broker: its logs; sink: RocksDB; ingest: clone cache; validator: workspaces). Default: under NIGHTSHIFT_HOME.")
    Path data;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "${env:NIGHTSHIFT_METRICS_PORT:-9400}",
            description =
                    "Port of /metrics, /health/live and /health/ready (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int metricsPort;

    @Option(
            names = "--metrics-host",
            paramLabel = "HOST",
            defaultValue = "0.0.0.0",
            description = "Interface of the metrics port (default: ${DEFAULT-VALUE}, for scrapers and probes).")
    String metricsHost;

    @Option(
            names = "--no-auth",
            description = "sink: serve the query API without a bearer token (only behind your own gateway).")
    boolean noAuth;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = parent.terminal().env();
        if (service == Service.broker) {
            return serveBroker(NightshiftHome.resolve(env));
        }
        NightshiftConfig config = common.loadConfig(env);
        String kafka = bootstrap != null ? bootstrap : env.get("NIGHTSHIFT_KAFKA_BOOTSTRAP");
        if (kafka == null || kafka.isBlank()) {
            throw UserError.badInput(
                    "no Kafka to serve from: pass --bootstrap HOST:PORT or set NIGHTSHIFT_KAFKA_BOOTSTRAP");
        }
        NightshiftHome home = NightshiftHome.resolve(env);
        Map<String, ApiKey> keys = new HashMap<>();
        WorkerLanes lanes = null;
        if (service == Service.worker) {
            config.providers().forEach((id, p) -> ApiKey.resolve(p, env).ifPresent(k -> keys.put(id, k)));
            // Decided before anything starts: a worker that can work no lane ends at once, with the variables to set.
            lanes = WorkerLanes.select(config, keys);
            lanes.requireOne();
            lanes.skippedLines().forEach(parent.terminal().err()::println);
        }
        if (service == Service.sink) {
            config = withServePort(config);
            requireToken(config, env);
        }
        PrometheusMeterRegistry registry = Telemetry.registry(service.name());
        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                // Undeploying lets workers finish or release their in-flight jobs and commit
                                // acknowledgements.
                                vertx.close().await(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                parent.terminal()
                                        .err()
                                        .println("nightshift " + service + " did not stop cleanly within 30 s: "
                                                + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "nightshift-shutdown"));
        AtomicBoolean deployed = new AtomicBoolean();
        KafkaReadiness readiness = new KafkaReadiness(vertx, kafka, deployed::get);
        int port = new MetricsServer(vertx, registry, readiness::check)
                .listen(metricsHost, metricsPort)
                .await(30, TimeUnit.SECONDS);
        vertx.deployVerticle(verticle(config, kafka, home, keys, lanes, registry))
                .await(120, TimeUnit.SECONDS);
        deployed.set(true);
        parent.terminal()
                .err()
                .println("nightshift " + service + " serving from Kafka at " + kafka + "; metrics and health on port "
                        + port + "; stop with Ctrl-C or SIGTERM");
        stopped.await();
        return 0;
    }

    private Deployable verticle(
            NightshiftConfig config,
            String kafka,
            NightshiftHome home,
            Map<String, ApiKey> keys,
            WorkerLanes lanes,
            PrometheusMeterRegistry registry) {
        return switch (service) {
            case broker ->
                throw new IllegalStateException("the broker runs no verticle: it is served before any is deployed");
            case ingest -> new IngestVerticle(config, kafka, data != null ? data : home.repositories());
            case router ->
                new RouterVerticle(
                        config,
                        kafka,
                        common.routerConfig(config),
                        InstantSource.system(),
                        RouterMeters.of(registry, config));
            case validator -> new ValidatorVerticle(config, kafka, data != null ? data : home.validator());
            case sink ->
                new SinkVerticle(
                        config,
                        kafka,
                        data != null ? data : home.sink(),
                        SinkOptions.defaults().withEvents(new MicrometerSinkEvents(registry, InstantSource.system())));
            case worker ->
                new WorkerVerticle(config, kafka, keys, WorkerSettings.DEFAULTS, new MicrometerWorkerEvents(registry))
                        .workingOnly(lanes.working());
        };
    }

    /**
     * A one-node Kafka whose data survives restarts, at the same address each time, for a cluster of services on one
     * machine (a real deployment brings its own Kafka). Stops on SIGTERM or Ctrl-C.
     */
    private int serveBroker(NightshiftHome home) throws InterruptedException {
        Path dir = data != null ? data : home.kafka();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPersistent(dir, brokerPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "nightshift-broker-shutdown"));
        parent.terminal()
                .err()
                .println("nightshift broker serving Kafka at " + broker.bootstrapServers() + " (data in " + dir
                        + "; one node, for local use); stop with Ctrl-C or SIGTERM");
        stopped.await();
        return 0;
    }

    /** A served sink listens on a fixed port: the configured one, or 8480 where the config says "any". */
    private static NightshiftConfig withServePort(NightshiftConfig config) {
        SinkConfig sink = config.sink();
        if (sink.port() != 0) {
            return config;
        }
        return config.withSink(new SinkConfig(sink.host(), DEFAULT_SINK_PORT, sink.tokenEnv()));
    }

    /** In serve mode the query API holds every tenant's ledger: it demands a bearer token unless told otherwise. */
    private void requireToken(NightshiftConfig config, Map<String, String> env) {
        String tokenEnv = config.sink().tokenEnv();
        boolean tokenSet = tokenEnv != null
                && env.get(tokenEnv) != null
                && !env.get(tokenEnv).isBlank();
        if (!tokenSet && !noAuth) {
            throw UserError.badInput("serve sink needs a bearer token for its API: set "
                    + (tokenEnv == null ? "sink.tokenEnv" : tokenEnv)
                    + " (or pass --no-auth to serve it open, behind your own gateway)");
        }
    }
}
