package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-side request forgery: remote URLs to internal addresses are refused unless allowed. */
class RemoteGuardTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/o/r.git",
                "https://localhost:8443/o/r.git",
                "http://169.254.169.254/latest/r.git",
                "https://10.1.2.3/o/r.git",
                "https://192.168.0.10/o/r.git",
                "https://172.16.5.4/o/r.git",
                "https://[::1]/o/r.git",
                "https://[fd00::1]/o/r.git",
                "https://100.64.0.1/o/r.git",
                "ssh://git@127.0.0.1/o/r.git",
                "git@localhost:o/r.git"
            })
    void internalAddressesAreRefusedByDefault(String url) {
        // Given
        RepositoryLocation.RemoteUrl remote = (RepositoryLocation.RemoteUrl) RepositoryLocation.parse(url);

        // When
        IngestException e = catchThrowableOfType(IngestException.class, () -> new RemoteGuard(false).check(remote));

        // Then
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .startsWith("refusing to fetch")
                .contains("internal address")
                .contains("allowPrivateAddresses");
    }

    @Test
    void internalAddressesPassWhenAllowedAndFileUrlsAlwaysPass() {
        RepositoryLocation.RemoteUrl loopback =
                (RepositoryLocation.RemoteUrl) RepositoryLocation.parse("https://127.0.0.1/o/r.git");
        RepositoryLocation.RemoteUrl file =
                (RepositoryLocation.RemoteUrl) RepositoryLocation.parse("file:///srv/git/r.git");
        assertThatCode(() -> new RemoteGuard(true).check(loopback)).doesNotThrowAnyException();
        assertThatCode(() -> new RemoteGuard(false).check(file)).doesNotThrowAnyException();
    }

    @Test
    void theServiceRefusesALoopbackUrlBeforeConnecting() {
        // Given a service with default options
        try (IngestService service =
                new IngestService(SampleRepository.config(), "127.0.0.1:9", tmp.resolve("cache"))) {
            // When
            IngestException e = catchThrowableOfType(
                    IngestException.class,
                    () -> service.submit(
                            RunPlanning.request("https://user:pw@127.0.0.1:1/o/r.git", null, TaskType.DOCS)));

            // Then
            assertThat(e.getMessage()).contains("'https://127.0.0.1:1/o/r.git'").doesNotContain("pw");
        }
    }

    @Test
    void credentialsInAUrlNeverReachTheRepositoryIdentity() {
        RepositoryLocation location = RepositoryLocation.parse("https://alice:t0ken@example.com/o/r.git");
        assertThat(location.identity()).isEqualTo("https://example.com/o/r.git");
        assertThat(location.toString()).doesNotContain("t0ken");
    }
}
