package dev.nightshift.validator.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run on untrusted code.
 *
 * @param argv        the program and its arguments
 * @param workdir     where it runs; must be inside one of {@code writable} or {@code overlays}
 * @param env         the whole environment it sees (nothing is inherited)
 * @param readOnly    paths it may read (toolchains, the prepared workspace's dependencies)
 * @param writable    paths it may write (the candidate's own scratch copy, its temporary folder)
 * @param overlays    read-only folders (a prepared checkout) it sees as writable, with its writes thrown away
 *                    when it ends: each candidate gets its own view of the shared workspace
 * @param wallTime    killed after this long
 * @param memoryBytes memory limit of each process: its private writable memory (RLIMIT_DATA; address space a
 *                    JVM only reserves does not count), and the most its /tmp and /dev/shm may each hold
 * @param maxProcesses most processes and threads it may have at once
 */
public record SandboxedCommand(
        List<String> argv,
        Path workdir,
        Map<String, String> env,
        List<Path> readOnly,
        List<Path> writable,
        List<Path> overlays,
        Duration wallTime,
        long memoryBytes,
        int maxProcesses) {
    public SandboxedCommand {
        argv = List.copyOf(argv);
        Objects.requireNonNull(workdir, "workdir");
        env = Map.copyOf(env);
        readOnly = List.copyOf(readOnly);
        writable = List.copyOf(writable);
        overlays = List.copyOf(overlays);
        Objects.requireNonNull(wallTime, "wallTime");
    }
}
