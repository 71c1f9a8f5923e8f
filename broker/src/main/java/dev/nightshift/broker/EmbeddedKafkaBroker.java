package dev.nightshift.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (broker and controller in one) running in this JVM, with share groups
 * (Kafka 4.4: {@code share.version=2}, dead-letter queues included). Used by {@code nightshift run} and by
 * tests. With a data folder, its topics survive restarts; without one it lives in a temporary folder that
 * {@link #close()} deletes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dir;
    private final boolean deleteOnClose;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dir, boolean deleteOnClose) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker in a temporary folder, deleted on close. */
    public static EmbeddedKafkaBroker startTemporary() {
        try {
            return start(Files.createTempDirectory("nightshift-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the embedded broker", e);
        }
    }

    /** A broker whose data lives in {@code dir} (created and formatted on first use) and survives restarts. */
    public static EmbeddedKafkaBroker startPersistent(Path dir) {
        return start(dir, false, 0);
    }

    /**
     * A broker whose data lives in {@code dir} and that listens on 127.0.0.1:{@code port} (its controller on the next
     * port), so that clients find it again at the same address after a restart.
     */
    public static EmbeddedKafkaBroker startPersistent(Path dir, int port) {
        if (port <= 0 || port >= 65535) {
            throw new IllegalArgumentException(
                    "broker port " + port + " is not a port a broker and its controller (port + 1) can use");
        }
        return start(dir, false, port);
    }

    private static EmbeddedKafkaBroker start(Path dir, boolean deleteOnClose) {
        return start(dir, deleteOnClose, 0);
    }

    /** @param port the broker's port, its controller's the next; 0: any free ports */
    private static EmbeddedKafkaBroker start(Path dir, boolean deleteOnClose, int port) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = port == 0 ? freePort() : port + 1;
            Properties props = brokerProperties(dir, brokerPort, controllerPort);
            Path config = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "nightshift embedded broker");
            }
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            awaitReady(bootstrap);
            LOG.atInfo()
                    .addKeyValue("bootstrap", bootstrap)
                    .addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000)
                    .log("embedded Kafka broker started");
            return new EmbeddedKafkaBroker(server, bootstrap, dir, deleteOnClose);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker in " + dir, e);
        }
    }

    static Properties brokerProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        // Share groups on a single node: the state topic defaults to RF 3 / min ISR 2.
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Faster group formation on one machine: first delivery in ~2.5 s instead of ~5.5 s.
        p.put("group.share.min.heartbeat.interval.ms", "100");
        p.put("group.share.heartbeat.interval.ms", "500");
        p.put("group.share.min.assignment.interval.ms", "0");
        p.put("group.consumer.min.heartbeat.interval.ms", "100");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        // A member that died (kill -9, a crashed laptop) holds its partitions or records until its session times out:
        // 45 s by default, which a restarted `nightshift run` or `resume` would sit through. Heartbeats come every
        // 0.5 s, so 10 s still rides out a long pause.
        p.put("group.consumer.min.session.timeout.ms", "5000");
        p.put("group.consumer.session.timeout.ms", "10000");
        p.put("group.share.min.session.timeout.ms", "5000");
        p.put("group.share.session.timeout.ms", "10000");
        p.put("group.share.max.record.lock.duration.ms", "600000");
        p.put("group.share.min.record.lock.duration.ms", "1000");
        p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024 + 1024));
        p.put("replica.fetch.max.bytes", String.valueOf(16 * 1024 * 1024 + 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private static void format(Path config) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()}, out);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the embedded broker's storage: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("cannot format the embedded broker's storage: "
                    + captured.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private static void awaitReady(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not answer within 60 s: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            // 127.0.0.1, as the listeners are: getLoopbackAddress() is ::1 on a JVM that prefers IPv6
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dir;
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dir);
        }
        LOG.atInfo().addKeyValue("ms", (System.nanoTime() - t0) / 1_000_000).log("embedded Kafka broker stopped");
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("dir", dir).log("could not delete the embedded broker's folder");
        }
    }
}
