package dev.nightshift.worker.support;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.worker.WorkerSettings;
import dev.nightshift.worker.WorkerVerticle;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;

/** A worker in its own JVM, so that a test can kill it with SIGKILL: {@code WorkerMain bootstrap provider baseUrl lockSeconds}. */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        String provider = args[1];
        String baseUrl = args[2];
        Duration lock = Duration.ofSeconds(Long.parseLong(args[3]));
        var config = TestConfigs.single(provider, Protocol.OPENAI, baseUrl, Limits.UNLIMITED);
        Vertx.vertx()
                .deployVerticle(new WorkerVerticle(
                        config,
                        bootstrap,
                        Map.of(provider, ApiKey.of("sk-child-test")),
                        WorkerSettings.DEFAULTS.withLockDuration(lock).withObserveInterval(Duration.ofSeconds(1))))
                .await();
        System.out.println("WORKER READY");
    }
}
