package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.ingest.secret.SecretMode;
import dev.nightshift.ingest.source.SshSettings;
import dev.nightshift.ingest.source.SshSettings.HostKeyChecking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheIngestOptionsSectionOverTheDefaults() throws Exception {
        // Given
        Path file = Files.writeString(tmp.resolve("ingest.yaml"), """
                ingestOptions:
                  secrets: withhold
                  allowPrivateAddresses: true
                  testGroupTokens: 3000
                """);

        // When
        IngestOptions options = IngestOptions.load(file, Map.of());

        // Then
        assertThat(options.secrets()).isEqualTo(SecretMode.WITHHOLD);
        assertThat(options.allowPrivateAddresses()).isTrue();
        assertThat(options.testGroupTokens()).isEqualTo(3000);
        assertThat(options.cloneTimeoutSeconds())
                .isEqualTo(IngestOptions.defaults().cloneTimeoutSeconds());
    }

    @Test
    void anUnknownKeyOrABadValueIsNamedWithTheFile() throws Exception {
        Path unknown = Files.writeString(tmp.resolve("a.yaml"), "ingestOptions:\n  secret: redact\n");
        Path bad = Files.writeString(tmp.resolve("b.yaml"), "ingestOptions:\n  secrets: shred\n");
        assertThatThrownBy(() -> IngestOptions.load(unknown, Map.of()))
                .hasMessageContaining("a.yaml")
                .hasMessageContaining("unknown key 'ingestOptions.secret'");
        assertThatThrownBy(() -> IngestOptions.load(bad, Map.of()))
                .hasMessageContaining("b.yaml")
                .hasMessageContaining("'redact' or 'withhold'");
    }

    @Test
    void sshSettingsInTheFileOverrideTheEnvironmentAndABadCheckingValueIsNamed() throws Exception {
        // Given
        Path file = Files.writeString(tmp.resolve("ssh.yaml"), """
                ingestOptions:
                  sshKeyFile: /keys/deploy
                  sshHostKeyChecking: accept-new
                """);
        Path bad = Files.writeString(tmp.resolve("bad-ssh.yaml"), "ingestOptions:\n  sshHostKeyChecking: maybe\n");
        Map<String, String> env =
                Map.of(SshSettings.KEY_VARIABLE, "/keys/env", SshSettings.KNOWN_HOSTS_VARIABLE, "/etc/hosts-known");

        // When
        SshSettings ssh = IngestOptions.load(file, env).ssh();

        // Then
        assertThat(ssh)
                .isEqualTo(new SshSettings(
                        Path.of("/keys/deploy"), Path.of("/etc/hosts-known"), HostKeyChecking.ACCEPT_NEW));
        assertThat(IngestOptions.fromEnvironment(Map.of()).ssh().hostKeys()).isEqualTo(HostKeyChecking.STRICT);
        assertThatThrownBy(() -> IngestOptions.load(bad, Map.of()))
                .hasMessageContaining("bad-ssh.yaml")
                .hasMessageContaining("use strict, accept-new or off");
        assertThatThrownBy(() -> IngestOptions.fromEnvironment(Map.of(SshSettings.HOST_KEY_CHECKING_VARIABLE, "yes")))
                .hasMessage(
                        "GIT_SSH_HOST_KEY_CHECKING: ssh host key checking 'yes' is not known; use strict, accept-new or off");
    }

    @Test
    void aTokenInTheEnvironmentBecomesCredentialsAndDefaultsRedact() {
        IngestOptions options = IngestOptions.fromEnvironment(Map.of("GIT_TOKEN", "x"));
        assertThat(options.credentials()).isNotNull();
        assertThat(options.secrets()).isEqualTo(SecretMode.REDACT);
        assertThat(IngestOptions.fromEnvironment(Map.of()).credentials()).isNull();
    }
}
