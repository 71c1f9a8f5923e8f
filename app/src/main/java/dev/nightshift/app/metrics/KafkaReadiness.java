package dev.nightshift.app.metrics;

import dev.nightshift.core.kafka.KafkaClientProps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/** Ready means: the service is deployed, and Kafka answers a cluster description within two seconds. */
public final class KafkaReadiness {
    private final Vertx vertx;
    private final String bootstrap;
    private final BooleanSupplier deployed;

    public KafkaReadiness(Vertx vertx, String bootstrap, BooleanSupplier deployed) {
        this.vertx = vertx;
        this.bootstrap = bootstrap;
        this.deployed = deployed;
    }

    public Future<Boolean> check() {
        if (!deployed.getAsBoolean()) {
            return Future.succeededFuture(false);
        }
        return vertx.executeBlocking(
                () -> {
                    try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-readiness"))) {
                        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                },
                false);
    }
}
