package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox as a validator that does not run as root gets it: bubblewrap unprivileged, in a user
 * namespace, started here as a plain user through setpriv. (Such a user cannot reach toolchains under
 * /root, so these commands use /usr only.)
 */
class SandboxUnprivilegedTest {
    private static final int USER = 1_999_000_123;

    @TempDir
    Path workdir;

    @TempDir
    Path scratch;

    @TempDir
    Path launcherFolder;

    private BubblewrapSandbox sandbox;

    @BeforeEach
    void startBubblewrapAsAPlainUser() throws Exception {
        Path launcher = Files.writeString(
                launcherFolder.resolve("bwrap-as-user"),
                "#!/bin/sh\nexec " + BubblewrapCommandLine.SETPRIV + " --reuid=" + USER + " --regid=" + USER
                        + " --clear-groups " + BubblewrapFixture.BWRAP + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path own : List.of(workdir, scratch)) {
            Files.setAttribute(own, "unix:uid", USER, LinkOption.NOFOLLOW_LINKS);
        }
        sandbox = new BubblewrapSandbox(
                launcher,
                scratch,
                ProtectedPaths.ofThisHost(List.of()),
                new SandboxUsers(false, USER),
                OutputTail.DEFAULT_CAPACITY);
    }

    @Test
    void runsAsNobodyInItsOwnUserNamespace() throws Exception {
        ProcessOutcome outcome =
                sandbox.run(CommandFixture.in(workdir, "/usr/bin/id", "-u").build());

        assertThat(outcome.output()).isEqualTo("65534\n");
    }

    @Test
    void theEnvironmentIsExactlyWhatWasPassed() throws Exception {
        ProcessOutcome outcome =
                sandbox.run(CommandFixture.in(workdir, "/usr/bin/env").build());

        assertThat(outcome.output().lines()).containsExactlyInAnyOrder("HOME=" + workdir, "PATH=/usr/bin:/bin");
    }

    @Test
    void theProcessLimitHolds() throws Exception {
        // perl, unlike the shells, reports a failed fork at once instead of retrying
        String forkLoop =
                "my $n = 0; while (1) { my $pid = fork; if (!defined $pid) { print \"forks $n: $!\\n\"; last }"
                        + " if ($pid == 0) { sleep 30; exit } $n++ }";
        SandboxedCommand command = CommandFixture.in(workdir, "/usr/bin/perl", "-e", forkLoop)
                .maxProcesses(16)
                .build();

        ProcessOutcome outcome = sandbox.run(command);

        assertThat(outcome.output()).isEqualTo("forks 15: Resource temporarily unavailable\n");
        assertThat(outcome.timedOut()).isFalse();
    }
}
