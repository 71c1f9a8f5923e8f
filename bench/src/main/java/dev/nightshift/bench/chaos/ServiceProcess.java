package dev.nightshift.bench.chaos;

import dev.nightshift.app.Nightshift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One nightshift service in a JVM of its own ({@code nightshift serve SERVICE}), as a cluster runs it: started (ready
 * once it says it is serving), killed
 * with SIGKILL (nothing of it runs on: no shutdown hook, no flush, no commit) and started again with the same command.
 * Its output goes to a log file per start.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(90);
    private static final String SERVING = "serving";
    private final String ready;

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path logs;
    private Process process;
    private Path log;
    private int starts;

    /** {@code nightshift serve ARGS…}, ready once it says it is serving. */
    ServiceProcess(String name, List<String> serveArgs, Map<String, String> env, Path logs) {
        this(name, with("serve", serveArgs), env, logs, SERVING);
    }

    /** {@code nightshift ARGS…}, ready once its output holds {@code ready}. */
    ServiceProcess(String name, List<String> args, Map<String, String> env, Path logs, String ready) {
        this.name = name;
        this.ready = ready;
        this.env = new java.util.HashMap<>(env);
        this.logs = logs;
        List<String> c = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Nightshift.class.getName()));
        c.addAll(args);
        this.command = List.copyOf(c);
    }

    String name() {
        return name;
    }

    /** The environment of its next start (a worker pointed at other providers, say). */
    void environment(Map<String, String> changes) {
        env.putAll(changes);
    }

    /** Starts the service and waits until it says it serves. */
    void start() throws IOException, InterruptedException {
        starts++;
        log = logs.resolve(name + "-" + starts + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        process = builder.start();
        Awaitility.await(name + " serving")
                .atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> serving() || !process.isAlive());
        if (!serving()) {
            throw new IllegalStateException(
                    name + " ended (exit " + process.exitValue() + ") before serving; see " + log);
        }
    }

    private boolean serving() throws IOException {
        return output().contains(ready);
    }

    /** What it has printed since its last start. */
    String output() throws IOException {
        return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits for it to end by itself; its exit code. */
    int waitFor(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not end within " + within + "; see " + log);
        }
        return process.exitValue();
    }

    private static List<String> with(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** What kill -9 does. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** What a deployment's stop does: SIGTERM, then the service's own orderly shutdown. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
