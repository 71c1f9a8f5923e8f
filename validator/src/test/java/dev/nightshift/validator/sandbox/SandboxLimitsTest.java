package dev.nightshift.validator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.validator.sandbox.ViolationClassifier.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wall time, processes and memory are limited, and nothing the command started outlives run(). */
class SandboxLimitsTest {
    private static final AtomicLong MARKERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @TempDir
    Path workdir;

    @TempDir
    Path scratch;

    @Test
    void sleepIsKilledAtTheWallTimeLimitWithNothingLeftRunning() throws Exception {
        String seconds = "1000." + marker();
        SandboxedCommand command = CommandFixture.in(workdir, "/usr/bin/sleep", seconds)
                .wallTime(Duration.ofSeconds(2))
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.elapsed()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(HostProcesses.withMarker(seconds)).isEmpty();
    }

    @Test
    void aBackgroundProcessDoesNotOutliveTheCommand() throws Exception {
        String seconds = "1000." + marker();
        SandboxedCommand command = CommandFixture.in(workdir, "/bin/sh", "-c", "sleep " + seconds + " & echo started")
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).isEqualTo("started\n");
        assertThat(HostProcesses.withMarker(seconds)).isEmpty();
    }

    @Test
    void noProcessIsLeftForTheHostsInitToReapNotEvenAZombie(@TempDir Path launcherFolder) throws Exception {
        // bubblewrap reports the pid of its child, the init of the sandbox's pid namespace, on --info-fd
        Path info = launcherFolder.resolve("info.json");
        Path launcher = Files.writeString(
                launcherFolder.resolve("bwrap"),
                "#!/bin/sh\nexec " + BubblewrapFixture.BWRAP + " --info-fd 3 \"$@\" 3>" + info + "\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        BubblewrapSandbox sandbox = new BubblewrapSandbox(launcher, scratch, List.of());

        for (SandboxedCommand command : List.of(
                CommandFixture.in(workdir, "/usr/bin/true").build(),
                CommandFixture.in(workdir, "/usr/bin/sleep", "100")
                        .wallTime(Duration.ofSeconds(1))
                        .build())) {
            sandbox.run(command);

            Matcher childPid = Pattern.compile("\"child-pid\": (\\d+)").matcher(Files.readString(info));
            assertThat(childPid.find()).isTrue();
            assertThat(Path.of("/proc", childPid.group(1)))
                    .as("the sandbox's init after " + command.argv())
                    .doesNotExist();
        }
    }

    @Test
    void aShellForkBombIsStoppedWithinTheWallTimeAndLeavesNothing() throws Exception {
        String marker = "nightshift-fork-bomb-" + marker();
        // the shell stays (sleep) so that the bomb runs until the wall-time limit instead of dying with it
        SandboxedCommand command = CommandFixture.in(workdir, "/bin/bash", "-c", ":(){ :|:& };:; sleep 30 # " + marker)
                .maxProcesses(64)
                .wallTime(Duration.ofSeconds(5))
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(15));
        assertThat(HostProcesses.withMarker(marker)).isEmpty();
        assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.PROCESSES));
    }

    @Test
    void pythonForksNoMoreThanTheProcessLimit() throws Exception {
        String marker = "nightshift-fork-loop-" + marker();
        String script = String.join(
                "\n",
                "import os, time  # " + marker,
                "forks = 0",
                "while True:",
                "    try:",
                "        pid = os.fork()",
                "    except OSError as e:",
                "        print('forks', forks, type(e).__name__, e, flush=True)",
                "        time.sleep(1000)",
                "    if pid == 0:",
                "        time.sleep(1000)",
                "    forks += 1");
        SandboxedCommand command = CommandFixture.in(workdir, Interpreters.python(), "-c", script)
                .maxProcesses(32)
                .wallTime(Duration.ofSeconds(5))
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        Matcher forks = Pattern.compile("forks (\\d+) BlockingIOError").matcher(outcome.output());
        assertThat(forks.find()).as(outcome.output()).isTrue();
        assertThat(Integer.parseInt(forks.group(1))).isBetween(1, 31);
        assertThat(outcome.timedOut()).isTrue();
        assertThat(HostProcesses.withMarker(marker)).isEmpty();
        assertThat(ViolationClassifier.forCommand(command).classify(outcome.output()))
                .hasValueSatisfying(v -> assertThat(v.kind()).isEqualTo(Kind.PROCESSES));
    }

    @Test
    void pythonCannotAllocateBeyondTheMemoryLimit() throws Exception {
        String script = String.join(
                "\n",
                "small = bytearray(64 * 1024 * 1024)",
                "print('64 MB ok', flush=True)",
                "big = bytearray(4 * 1024 ** 3)",
                "print('4 GB ok')");
        SandboxedCommand command = CommandFixture.in(workdir, Interpreters.python(), "-c", script)
                .memoryBytes(512L << 20)
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("64 MB ok", "MemoryError").doesNotContain("4 GB ok");
    }

    @Test
    void aJvmStartsUnderTheDefaultMemoryLimit() throws Exception {
        SandboxedCommand command = CommandFixture.in(workdir, Interpreters.java(), "-version")
                .memoryBytes(2L << 30)
                .build();

        ProcessOutcome outcome = BubblewrapFixture.bubblewrap(scratch).run(command);

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }

    /** Digits no other test run uses, to find this test's processes on the host. */
    private static String marker() {
        return String.valueOf(MARKERS.incrementAndGet());
    }
}
