package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.ingest.source.SshSettings;
import dev.nightshift.ingest.source.SshSettings.HostKeyChecking;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh:// URLs against a real SSH git server on 127.0.0.1: key-based authentication with the configured key,
 * host keys checked against the configured known-hosts file (strict by default), and the server-side request
 * forgery rule applied to ssh hosts as to https ones (loopback is enabled explicitly here).
 */
class SshCloneTest {
    @TempDir
    Path tmp;

    KeyPair clientKey;
    Path keyFile;
    Path knownHosts;
    SshGitServer server;
    GitRepoBuilder upstream;
    String firstCommit;

    @BeforeEach
    void startServer() throws Exception {
        upstream = GitRepoBuilder.init(tmp.resolve("upstream"));
        firstCommit = upstream.file("app/calc.py", "def add(a, b):\n    return a + b\n")
                .file("app/names.py", "def greet(name):\n    return 'hi ' + name\n")
                .commit("first");
        clientKey = SshGitServer.newKey();
        keyFile = SshGitServer.writePrivateKey(clientKey, tmp.resolve("id_test"));
        server =
                SshGitServer.start(clientKey, Map.of("/shop.git", upstream.dir().resolve(".git")));
        knownHosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        upstream.close();
    }

    private String url() {
        return "ssh://git@127.0.0.1:" + server.port() + "/shop.git";
    }

    private RunPlanning planning(boolean allowLoopback, SshSettings ssh) {
        IngestOptions options = IngestOptions.fromEnvironment(Map.of())
                .withAllowPrivateAddresses(allowLoopback)
                .withCloneTimeoutSeconds(10)
                .withSsh(ssh);
        return new RunPlanning(SampleRepository.config(), tmp.resolve("cache"), options);
    }

    private SshSettings strict() {
        return new SshSettings(keyFile, knownHosts, null);
    }

    @Test
    void anSshUrlIsClonedWithTheConfiguredKeyAndFetchedAgainOnReuse() {
        // Given
        RunPlanning planning = planning(true, strict());

        // When
        RunPlanning.Result first = planning.plan(url(), null, TaskType.DOCS);
        String second =
                upstream.file("app/extra.py", "def extra():\n    return 1\n").commit("second");
        RunPlanning.Result again = planning.plan(url(), null, TaskType.DOCS);

        // Then
        assertThat(first.plan().commit()).isEqualTo(firstCommit);
        assertThat(first.unitPaths()).contains("app/calc.py", "app/names.py");
        assertThat(first.plan().repository()).isEqualTo(url().replace("git@", ""));
        assertThat(again.plan().commit()).isEqualTo(second);
        assertThat(again.unitPaths()).contains("app/extra.py");
    }

    @Test
    void aLoopbackSshHostIsRefusedUnlessPrivateAddressesAreAllowed() {
        // When
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> planning(false, strict()).plan(url(), null, TaskType.DOCS));

        // Then
        assertThat(e.getMessage())
                .startsWith("refusing to fetch 'ssh://127.0.0.1:" + server.port() + "/shop.git'")
                .contains("internal address");
        assertThat(server.commands()).isZero();
    }

    @Test
    void anUnknownHostKeyIsRefusedByDefaultNamingTheKnownHostsSettings() throws Exception {
        // Given
        Files.writeString(knownHosts, "");

        // When
        IngestException e = catchThrowableOfType(
                IngestException.class, () -> planning(true, strict()).plan(url(), null, TaskType.DOCS));

        // Then
        assertThat(e.getMessage())
                .startsWith("cannot clone or fetch 'ssh://127.0.0.1:" + server.port() + "/shop.git'")
                .contains(SshSettings.KNOWN_HOSTS_VARIABLE)
                .contains(SshSettings.HOST_KEY_CHECKING_VARIABLE)
                .doesNotContain(keyFile.toString());
        assertThat(server.commands()).isZero();
    }

    @Test
    void acceptNewTrustsAnUnknownHostAndRemembersItsKey() throws Exception {
        // Given
        Files.writeString(knownHosts, "");

        // When
        RunPlanning.Result result = planning(true, strict().withHostKeys(HostKeyChecking.ACCEPT_NEW))
                .plan(url(), null, TaskType.DOCS);

        // Then
        assertThat(result.plan().commit()).isEqualTo(firstCommit);
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + server.port());
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedWithoutShowingTheKeysPath() throws Exception {
        // Given
        Path otherKey = SshGitServer.writePrivateKey(SshGitServer.newKey(), tmp.resolve("id_other"));

        // When
        IngestException e =
                catchThrowableOfType(IngestException.class, () -> planning(true, strict().withKeyFile(otherKey))
                        .plan(url(), null, TaskType.DOCS));

        // Then
        assertThat(e.getMessage())
                .startsWith("cannot clone or fetch 'ssh://127.0.0.1:" + server.port() + "/shop.git'")
                .contains(SshSettings.KEY_VARIABLE)
                .doesNotContain(otherKey.toString())
                .doesNotContain(tmp.toString());
        assertThat(server.commands()).isZero();
    }

    @Test
    void sshSettingsComeFromTheEnvironmentAndDefaultToStrictHostKeys() {
        // When
        SshSettings defaults = SshSettings.fromEnvironment(Map.of());
        SshSettings configured = SshSettings.fromEnvironment(Map.of(
                SshSettings.KEY_VARIABLE,
                keyFile.toString(),
                SshSettings.KNOWN_HOSTS_VARIABLE,
                knownHosts.toString(),
                SshSettings.HOST_KEY_CHECKING_VARIABLE,
                "accept-new"));

        // Then
        assertThat(defaults.hostKeys()).isEqualTo(HostKeyChecking.STRICT);
        assertThat(defaults.keyFile()).isNull();
        assertThat(configured).isEqualTo(new SshSettings(keyFile, knownHosts, HostKeyChecking.ACCEPT_NEW));
        assertThat(configured.toString()).doesNotContain(keyFile.toString());
    }
}
