package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxUnsandboxedProcessTest {
    @TempDir
    Path workdir;

    private SandboxedCommand command(Duration wallTime, String script) {
        return new SandboxedCommand(
                List.of("/bin/sh", "-c", script),
                workdir,
                Map.of("ONLY", "this"),
                List.of(),
                List.of(workdir),
                List.of(),
                wallTime,
                1L << 30,
                64);
    }

    @Test
    void runsInWorkdirWithExactlyTheGivenEnvironmentAndMergedOutput() throws Exception {
        ProcessOutcome outcome = new UnsandboxedProcess()
                .run(command(
                        Duration.ofSeconds(20),
                        "pwd; echo to-stderr >&2; env | grep -v '^PWD=\\|^SHLVL=\\|^_='; exit 3"));

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.output().lines()).containsExactlyInAnyOrder(workdir.toString(), "to-stderr", "ONLY=this");
    }

    @Test
    void keepsOnlyTheTailOfLongOutput() throws Exception {
        ProcessOutcome outcome = new UnsandboxedProcess(1024)
                .run(command(Duration.ofSeconds(20), "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done"));

        assertThat(outcome.output())
                .startsWith("[... ")
                .contains("earlier bytes dropped")
                .endsWith("line-1999\n");
        assertThat(outcome.output().length()).isLessThan(1100);
    }

    @Test
    void killsTheWholeTreeAtTheWallTimeLimit() throws Exception {
        String marker = "nightshift-unsandboxed-" + System.nanoTime();
        ProcessOutcome outcome = new UnsandboxedProcess()
                .run(command(Duration.ofMillis(700), "sh -c 'sleep 1000; : " + marker + "' & sleep 1000"));

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(10));
        assertThat(HostProcesses.withMarker(marker)).isEmpty();
    }
}
