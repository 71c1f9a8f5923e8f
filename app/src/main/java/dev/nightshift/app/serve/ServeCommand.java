package dev.nightshift.app.serve;

import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.ingest.IngestVerticle;
import dev.nightshift.router.RouterVerticle;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import dev.nightshift.app.Nightshift;

/**
 * {@code nightshift serve ingest|router|worker|sink}: one service against an external Kafka, until
 * SIGTERM. docker-compose and Helm run nightshift this way; workers scale by adding replicas.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run one service against an external Kafka.")
public final class ServeCommand implements Callable<Integer> {
    enum Service { ingest, router, worker, sink }

    @Parameters(index = "0", paramLabel = "ingest|router|worker|sink", description = "The service to run.")
    Service service;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (also: NIGHTSHIFT_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (sink: RocksDB; ingest: clone cache). Default: under NIGHTSHIFT_HOME.")
    Path data;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = parent.terminal().env();
        NightshiftConfig config = common.loadConfig(env);
        String kafka = bootstrap != null ? bootstrap : env.get("NIGHTSHIFT_KAFKA_BOOTSTRAP");
        if (kafka == null || kafka.isBlank()) {
            throw UserError.badInput("no Kafka to serve from: pass --bootstrap HOST:PORT or set NIGHTSHIFT_KAFKA_BOOTSTRAP");
        }
        NightshiftHome home = NightshiftHome.resolve(env);
        Vertx vertx = Vertx.vertx();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Undeploying lets workers finish or release their in-flight jobs and commit acknowledgements.
                vertx.close().await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                parent.terminal().err().println("nightshift " + service + " did not stop cleanly within 30 s: " + e.getMessage());
            }
            stopped.countDown();
        }, "nightshift-shutdown"));
        vertx.deployVerticle(verticle(config, kafka, home, env)).await(60, TimeUnit.SECONDS);
        parent.terminal().err().println("nightshift " + service + " serving from Kafka at " + kafka + "; stop with Ctrl-C or SIGTERM");
        stopped.await();
        return 0;
    }

    private Deployable verticle(NightshiftConfig config, String kafka, NightshiftHome home, Map<String, String> env) {
        return switch (service) {
            case ingest -> new IngestVerticle(config, kafka, data != null ? data : home.repositories());
            case router -> new RouterVerticle(config, kafka, common.routerConfig(config));
            case sink -> new SinkVerticle(config, kafka, data != null ? data : home.sink());
            case worker -> {
                Map<String, ApiKey> keys = new HashMap<>();
                config.providers().forEach((id, p) -> ApiKey.resolve(p, env).ifPresent(k -> keys.put(id, k)));
                if (keys.isEmpty()) {
                    throw UserError.badInput("no provider key is set; a worker needs at least one (e.g. DEEPSEEK_API_KEY)");
                }
                yield new WorkerVerticle(config, kafka, keys);
            }
        };
    }
}
