package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.validator.sandbox.ViolationClassifier.Kind;
import dev.nightshift.validator.sandbox.ViolationClassifier.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as trying something the sandbox forbids, in Java, Python and Node output. */
class SandboxViolationClassifierTest {
    private static final Path WORKSPACE = Path.of("/srv/ws/candidate-1");
    private static final Path DEPENDENCIES = Path.of("/srv/ws/shared/node_modules");

    private final ViolationClassifier classifier = new ViolationClassifier(
            List.of(WORKSPACE, Path.of("/tmp")),
            List.of(Path.of("/usr"), Path.of("/etc"), DEPENDENCIES),
            new ProtectedPaths(List.of(Path.of("/root"), Path.of("/home"), Path.of("/srv/nightshift"))));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.net.SocketException: Network is unreachable (connect failed)",
                "java.net.UnknownHostException: api.example.com: Temporary failure in name resolution",
                "java.net.NoRouteToHostException: No route to host",
                "socket.gaierror: [Errno -3] Temporary failure in name resolution",
                "OSError: [Errno 101] Network is unreachable",
                "urllib.error.URLError: <urlopen error [Errno -2] Name or service not known>",
                "Error: getaddrinfo EAI_AGAIN registry.npmjs.org",
                "Error: connect ENETUNREACH 1.1.1.1:53 - Local (0.0.0.0:0)",
                "Error: connect ECONNREFUSED 10.0.0.7:5432",
                "curl: (7) Failed to connect to example.com:443: Connection refused"
            })
    void networkAttempts(String line) {
        assertThat(classifier.classify("some output\n" + line + "\nmore output"))
                .contains(new Violation(Kind.NETWORK, line));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.net.ConnectException: Connection refused",
                "ConnectionRefusedError: [Errno 111] Connection refused",
                "Error: connect ECONNREFUSED 127.0.0.1:8080",
                "Error: connect ECONNREFUSED localhost:8080",
                "Error: connect ECONNREFUSED [::1]:8080"
            })
    void aRefusedConnectionOnTheSandboxesOwnLoopbackIsAnOrdinaryFailure(String line) {
        assertThat(classifier.classify(line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "java.nio.file.NoSuchFileException: /root/.ssh/id_ed25519",
                "FileNotFoundError: [Errno 2] No such file or directory: '/home/dev/.aws/credentials'",
                "Error: ENOENT: no such file or directory, open '/root/.npmrc'",
                "cat: /srv/nightshift/config.yaml: No such file or directory",
                "PermissionError: [Errno 13] Permission denied: '~/.ssh/config'",
                "java.io.FileNotFoundException: /usr/lib/x/cache.bin (Read-only file system)",
                "OSError: [Errno 30] Read-only file system: '/srv/ws/shared/node_modules/.cache'",
                "Error: EACCES: permission denied, mkdir '/opt/elsewhere'",
                "java.nio.file.NoSuchFileException: /srv/ws/candidate-1/../../nightshift/secrets.env"
            })
    void filesOutsideTheWorkspace(String line) {
        assertThat(classifier.classify(line)).map(Violation::kind).contains(Kind.FILES);
    }

    @Test
    void aFileTheHostHasButTheSandboxHidIsAViolation() throws Exception {
        // A file that exists on the host, outside everything the command was shown (and outside /tmp, its own).
        Path hostOnly = Files.createTempFile(Path.of("/var/tmp"), "nightshift-host-only-", ".xml");
        try {
            String line = "FileNotFoundError: [Errno 2] No such file or directory: '" + hostOnly + "'";

            assertThat(classifier.classify(line)).map(Violation::kind).contains(Kind.FILES);
        } finally {
            Files.deleteIfExists(hostOnly);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "FileNotFoundError: [Errno 2] No such file or directory: '/srv/ws/candidate-1/fixtures/missing.json'",
                "java.nio.file.NoSuchFileException: /tmp/junit123/out.txt",
                "Error: ENOENT: no such file or directory, open '/srv/ws/shared/node_modules/left-pad/missing.js'",
                "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/config.yml'",
                "PermissionError: [Errno 13] Permission denied: '/srv/ws/candidate-1/locked.txt'",
                "AssertionError: expected /srv/ws/candidate-1/a.txt to exist"
            })
    void fileErrorsInsideWhatTheCommandWasShownAreOrdinaryFailures(String line) {
        assertThat(classifier.classify(line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached",
                "[0.112s][warning][os,thread] Failed to start thread \"G1 Refine#0\" - pthread_create failed (EAGAIN) for attributes",
                "BlockingIOError: [Errno 11] Resource temporarily unavailable",
                "bash: fork: retry: Resource temporarily unavailable",
                "/bin/sh: 1: Cannot fork",
                "Error: spawn EAGAIN"
            })
    void processLimits(String line) {
        assertThat(classifier.classify(line)).map(Violation::kind).contains(Kind.PROCESSES);
    }

    @Test
    void ordinaryFailuresAreNoViolation() {
        String output = String.join(
                "\n",
                "FAILED tests/test_math.py::test_add - assert 3 == 4",
                "expected: <3> but was: <4>",
                "    at org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:55)",
                "Tests: 1 failed, 3 passed, 4 total",
                "MemoryError");

        assertThat(classifier.classify(output)).isEmpty();
    }

    @Test
    void evidenceIsTheFirstMatchingLineTrimmed() {
        Optional<Violation> violation = classifier.classify(
                "ok\n   OSError: [Errno 101] Network is unreachable   \nbash: fork: retry: Resource temporarily unavailable");

        assertThat(violation).contains(new Violation(Kind.NETWORK, "OSError: [Errno 101] Network is unreachable"));
    }
}
