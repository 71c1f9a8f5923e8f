package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command sees only the environment it is given, and runs as an unprivileged user. */
class SandboxEnvironmentTest {
    @TempDir
    Path workdir;

    @TempDir
    Path scratch;

    @Test
    void theEnvironmentIsExactlyWhatWasPassed() throws Exception {
        Map<String, String> env = Map.of(
                "PATH",
                "/usr/bin:/bin",
                "HOME",
                workdir.toString(),
                "LANG",
                "C.UTF-8",
                "NIGHTSHIFT_PROBE",
                "a value with spaces");
        SandboxedCommand command =
                CommandFixture.in(workdir, "/usr/bin/env").env(env).build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output().lines())
                .containsExactlyInAnyOrder(
                        "PATH=/usr/bin:/bin",
                        "HOME=" + workdir,
                        "LANG=C.UTF-8",
                        "NIGHTSHIFT_PROBE=a value with spaces");
    }

    @Test
    void theCommandIsNotRootHasNoCapabilitiesAndCannotGainAny() throws Exception {
        SandboxedCommand command = CommandFixture.in(
                        workdir,
                        "/bin/sh",
                        "-c",
                        "echo uid=$(id -u) cwd=$(pwd); grep -E '^(CapEff|CapPrm|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status")
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.output())
                .doesNotContain("uid=0 ")
                .contains("cwd=" + workdir)
                .containsPattern("CapEff:\\s+0+\\n")
                .containsPattern("CapPrm:\\s+0+\\n")
                .containsPattern("CapBnd:\\s+0+\\n")
                .containsPattern("CapAmb:\\s+0+\\n")
                .containsPattern("NoNewPrivs:\\s+1");
    }

    @Test
    void theCommandSeesOnlyItsOwnProcesses() throws Exception {
        SandboxedCommand command = CommandFixture.in(workdir, "/bin/sh", "-c", "ls /proc | grep -c '^[0-9]'")
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        // bubblewrap's init, the shell, ls and grep
        assertThat(Integer.parseInt(outcome.output().strip())).isLessThanOrEqualTo(4);
    }
}
