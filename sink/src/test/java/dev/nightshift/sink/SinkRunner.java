package dev.nightshift.sink;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a real sink verticle on a fresh Vert.x against the test broker, and stops it. */
public final class SinkRunner implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final SinkVerticle sink;
    private final String deploymentId;

    public SinkRunner(Path dataDir, String groupId, Map<String, String> env) {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        sink = new SinkVerticle(
                config,
                KafkaTestBroker.bootstrapServers(),
                dataDir,
                new SinkOptions(groupId, InstantSource.system(), env));
        deploymentId = await(vertx.deployVerticle(sink));
    }

    public SinkVerticle sink() {
        return sink;
    }

    public int port() {
        return sink.actualPort();
    }

    @Override
    public void close() {
        await(vertx.undeploy(deploymentId));
        await(vertx.close());
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sink did not start or stop: " + e.getMessage(), e);
        }
    }
}
