package dev.nightshift.app.serve;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.kafka.KafkaClientProps;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Asks Kafka for its cluster description and topics once, with a short deadline, before a command relies on it. Kafka's
 * clients otherwise retry an unreachable address for a minute or more and end with nothing a user can act on.
 */
final class KafkaReachability {
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private KafkaReachability() {}

    /**
     * The names of the cluster's topics, asked after its description, each within the deadline.
     *
     * @throws UserError naming the address, where it came from and what to do, when Kafka does not answer
     */
    static Set<String> topics(KafkaAddress address) {
        Admin admin;
        try {
            admin = Admin.create(props(address));
        } catch (KafkaException e) {
            // a malformed or unresolvable address is refused when the client is built
            throw UserError.badInput("Kafka bootstrap '" + address.servers() + "' (from " + address.source()
                    + ") is not an address Kafka's client can use: " + rootMessage(e) + "; " + address.howToChange()
                    + ", e.g. kafka:9092");
        }
        long waitMillis = DEADLINE.toMillis() + 2_000;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) DEADLINE.toMillis()))
                    .clusterId()
                    .get(waitMillis, TimeUnit.MILLISECONDS);
            return admin.listTopics(new ListTopicsOptions().timeoutMs((int) DEADLINE.toMillis()))
                    .names()
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.failed("interrupted while waiting for Kafka at " + address);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static UserError unreachable(KafkaAddress address) {
        return UserError.failed("no Kafka answered at " + address.servers() + " (from " + address.source() + ") within "
                + DEADLINE.toSeconds()
                + " s; check that the cluster is up and reachable from here (outside its network, use"
                + " the listener it advertises to this machine), or " + address.howToChange());
    }

    private static Properties props(KafkaAddress address) {
        Properties p = KafkaClientProps.admin(address.servers(), "nightshift-reachability");
        String deadline = String.valueOf(DEADLINE.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, deadline);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, deadline);
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "2000");
        return p;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? "it was refused" : c.getMessage();
    }
}
