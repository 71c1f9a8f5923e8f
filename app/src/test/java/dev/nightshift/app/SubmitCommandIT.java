package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightshift submit}: a cluster that does not answer is named within seconds with where its address came from;
 * a local path is refused before Kafka is asked; a URL lands on the requests topic.
 */
class SubmitCommandIT {
    private static final String REPO_URL = "https://git.example.com/acme/lib.git";

    @TempDir
    Path dir;

    @Test
    void anUnreachableBootstrapFromTheFlagIsNamedWithinSecondsWithTheFix() throws Exception {
        String address = "127.0.0.1:" + closedPort();

        long start = System.nanoTime();
        CliRun r = CliRun.of(env(), "submit", REPO_URL, "--task", "docs", "--bootstrap", address);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .isEqualTo("error: no Kafka answered at " + address
                        + " (from --bootstrap) within 5 s; check that the cluster"
                        + " is up and reachable from here (outside its network, use the listener it advertises to this machine),"
                        + " or pass another --bootstrap HOST:PORT");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnreachableBootstrapFromTheEnvironmentNamesTheVariable() throws Exception {
        String address = "127.0.0.1:" + closedPort();

        CliRun r = CliRun.of(env("NIGHTSHIFT_KAFKA_BOOTSTRAP", address), "submit", REPO_URL, "--task", "docs");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .contains(address + " (from NIGHTSHIFT_KAFKA_BOOTSTRAP)")
                .contains("set NIGHTSHIFT_KAFKA_BOOTSTRAP")
                .doesNotContain("Exception");
    }

    @Test
    void aLocalPathIsRefusedWithTheReasonAndTheTwoWaysOut() throws Exception {
        Path repo;
        try (GitRepoBuilder git = GitRepoBuilder.init(dir.resolve("repo"))) {
            git.file("A.java", "class A {}\n").commit("first");
            repo = git.dir();
        }

        CliRun r = CliRun.of(
                env(), "submit", repo.toString(), "--task", "docs", "--bootstrap", KafkaTestBroker.bootstrapServers());

        r.assertOneLineError("'" + repo + "' is a path on this machine");
        assertThat(r.errLines().get(0))
                .contains("the deployed ingest service cannot read")
                .contains("'nightshift run " + repo + " --task …'")
                .contains("push it where the cluster can clone it");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aUrlOnAReachableClusterLandsOnTheRequestsTopic() {
        // what a deployed ingest service does when it starts
        try (Admin admin = Admin.create(KafkaClientProps.admin(KafkaTestBroker.bootstrapServers(), "submit-it"))) {
            TopicAdmin.ensureTopics(admin, List.of(TopicAdmin.topic(Topics.REQUESTS, 1)));
        }

        CliRun r = CliRun.of(
                env(),
                "submit",
                REPO_URL,
                "--task",
                "tests",
                "--ref",
                "main",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String runId = r.lastOutLine();
        assertThat(runId).startsWith("r-");
        Optional<RunRequest> submitted = requestOf(runId);
        assertThat(submitted).hasValueSatisfying(request -> {
            assertThat(request.source()).isEqualTo(REPO_URL);
            assertThat(request.ref()).isEqualTo("main");
        });
    }

    private static Optional<RunRequest> requestOf(String runId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProps.consumer(KafkaTestBroker.bootstrapServers(), "submit-it", "submit-it-" + runId))) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (runId.equals(record.key())) {
                        return Optional.of(MessageCodec.RUN_REQUEST.decode(record.value()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** A loopback port nothing listens on: bound, then released. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
