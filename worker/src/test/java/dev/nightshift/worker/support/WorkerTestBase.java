package dev.nightshift.worker.support;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** A test of workers on the suite's broker: a Vert.x of its own, closed after each test, and a provider of its own. */
public abstract class WorkerTestBase {
    protected final String bootstrap = KafkaTestBroker.bootstrapServers();
    protected final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /** A provider id no other test uses, so that its lane, group and dead letters are the test's alone. */
    protected static String provider(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An OpenAI-protocol provider; its base URL is replaced by the simulator's. */
    protected static NightshiftConfig openAiProvider(String provider, Limits limits) {
        return TestConfigs.single(provider, Protocol.OPENAI, "http://127.0.0.1:9", limits);
    }
}
