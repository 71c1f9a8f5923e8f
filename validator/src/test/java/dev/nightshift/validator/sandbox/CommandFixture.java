package dev.nightshift.validator.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sandboxed command with test defaults: runs in its workdir, which is its only writable folder. */
final class CommandFixture {
    private final Path workdir;
    private final List<String> argv;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Path> readOnly = new ArrayList<>();
    private final List<Path> writable = new ArrayList<>();
    private final List<Path> overlays = new ArrayList<>();
    private Duration wallTime = Duration.ofSeconds(60);
    private long memoryBytes = 1L << 30;
    private int maxProcesses = 128;

    private CommandFixture(Path workdir, List<String> argv) {
        this.workdir = workdir;
        this.argv = List.copyOf(argv);
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", workdir.toString());
        writable.add(workdir);
    }

    static CommandFixture in(Path workdir, List<String> argv) {
        return new CommandFixture(workdir, argv);
    }

    static CommandFixture in(Path workdir, String... argv) {
        return new CommandFixture(workdir, List.of(argv));
    }

    CommandFixture env(Map<String, String> replacement) {
        env.clear();
        env.putAll(replacement);
        return this;
    }

    CommandFixture readOnly(Path path) {
        readOnly.add(path);
        return this;
    }

    CommandFixture writable(Path path) {
        writable.add(path);
        return this;
    }

    CommandFixture overlay(Path path) {
        overlays.add(path);
        return this;
    }

    CommandFixture wallTime(Duration limit) {
        wallTime = limit;
        return this;
    }

    CommandFixture memoryBytes(long limit) {
        memoryBytes = limit;
        return this;
    }

    CommandFixture maxProcesses(int limit) {
        maxProcesses = limit;
        return this;
    }

    SandboxedCommand build() {
        return new SandboxedCommand(
                argv, workdir, env, readOnly, writable, overlays, wallTime, memoryBytes, maxProcesses);
    }
}
