package dev.nightshift.validator;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.validator.service.Judge;
import dev.nightshift.validator.service.ValidationWork;
import dev.nightshift.validator.service.ValidatorEngine;
import dev.nightshift.validator.service.ValidatorLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator service: consumes answered test jobs from {@code nightshift.validate}, builds and runs each
 * generated test in the sandbox, and publishes the attempt with its verdict to {@code nightshift.results}
 * (and a rejected one to {@code nightshift.retry}, for a repair round or the next model). The Kafka clients
 * live on one dedicated thread ({@link ValidatorLoop}); candidates are judged on a pool of
 * {@code validation.parallelism} threads.
 */
public class ValidatorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatorVerticle.class);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final Path home;
    private final Judge judge;
    private ExecutorService executor;
    private ValidatorLoop loop;

    /** @param home the validator's folder: its workspaces live there */
    public ValidatorVerticle(NightshiftConfig config, String bootstrap, Path home) {
        this(config, bootstrap, home, null);
    }

    private ValidatorVerticle(NightshiftConfig config, String bootstrap, Path home, Judge judge) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.home = home;
        this.judge = judge;
    }

    /**
     * The service with another engine behind it: the same topics, repairs and results, but candidates judged by
     * {@code judge} instead of built and run in the sandbox. For load and routing benchmarks whose thousands of
     * candidates the real engine would take hours to run.
     */
    public static ValidatorVerticle judgingWith(NightshiftConfig config, String bootstrap, Path home, Judge judge) {
        return new ValidatorVerticle(config, bootstrap, home, java.util.Objects.requireNonNull(judge, "judge"));
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
                    try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-validator-admin"))) {
                        TopicAdmin.ensureTable(admin, config.providers().keySet());
                    }
                    ValidatorSettings settings = ValidatorEngine.settings(config.validation(), home);
                    return new ValidationWork(
                            judge != null ? judge : ValidatorEngine.start(settings)::validate, settings.keepNoGain());
                })
                .compose(this::startLoop);
    }

    // The callback completes the promise, so the stage that whenComplete returns has nothing more to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private Future<Void> startLoop(ValidationWork work) {
        int parallelism = config.validation().parallelism();
        executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "nightshift-validator-judge");
            t.setDaemon(true);
            return t;
        });
        loop = new ValidatorLoop(bootstrap, "nightshift-validator", work, executor, parallelism);
        Thread thread = new Thread(loop, "nightshift-validator-loop");
        thread.setDaemon(true);
        thread.start();
        Promise<Void> started = Promise.promise();
        loop.started().whenComplete((v, e) -> {
            if (e == null) {
                LOG.atInfo().log("validator started: {} candidates at once, workspaces under {}", parallelism, home);
                started.complete();
            } else {
                started.fail(e);
            }
        });
        return started.future();
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
        loop.stopped().whenComplete((v, e) -> {
            executor.shutdownNow();
            stopped.complete();
        });
        return stopped.future();
    }
}
