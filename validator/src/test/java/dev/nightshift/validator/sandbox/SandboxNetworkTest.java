package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.validator.sandbox.ViolationClassifier.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Inside the sandbox there is no network but its own loopback. */
class SandboxNetworkTest {
    @TempDir
    Path workdir;

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(Language.class)
    void aSocketToTheInternetFailsAndIsAViolation(Language language) throws Exception {
        SandboxedCommand command = CommandFixture.in(workdir, language.connect(workdir, "1.1.1.1", 53))
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(outcome.output()).doesNotContain("CONNECTED").containsPattern("(?i)unreach");
        assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.NETWORK));
    }

    @Test
    void theOnlyNetworkInterfaceIsItsOwnLoopback() throws Exception {
        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch)
                .run(CommandFixture.in(workdir, "/usr/bin/cat", "/proc/net/dev").build());

        assertThat(outcome.exitCode()).isZero();
        List<String> interfaces = outcome.output()
                .lines()
                .skip(2)
                .map(line -> line.strip().split(":")[0])
                .toList();
        assertThat(interfaces).containsExactly("lo");
    }

    @ParameterizedTest
    @EnumSource(
            value = Language.class,
            names = {"PYTHON", "NODE"})
    void aHostNameDoesNotResolveAndIsAViolation(Language language) throws Exception {
        SandboxedCommand command = CommandFixture.in(workdir, language.connect(workdir, "example.com", 443))
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.exitCode()).as(outcome.output()).isNotZero();
        assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.NETWORK));
    }

    @Test
    void aServerOnTheHostsLoopbackIsNotReachable() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            List<String> argv = Language.PYTHON.connect(workdir, "127.0.0.1", server.port());

            ProcessOutcome unconfined = new UnsandboxedProcess()
                    .run(CommandFixture.in(workdir, argv).build());
            assertThat(unconfined.output()).as("the probe itself works").contains("CONNECTED");
            assertThat(server.accepted()).isEqualTo(1);

            ProcessOutcome sandboxed = BubblewrapFixture.bubblewrap(scratch)
                    .run(CommandFixture.in(workdir, argv).build());
            assertThat(sandboxed.exitCode()).isNotZero();
            assertThat(sandboxed.output()).doesNotContain("CONNECTED").contains("Connection refused");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    /** A TCP server on 127.0.0.1 that counts the connections it accepts. */
    private static final class LoopbackServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        LoopbackServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            Thread acceptor = new Thread(this::acceptAll, "loopback-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    socket.accept().close();
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
