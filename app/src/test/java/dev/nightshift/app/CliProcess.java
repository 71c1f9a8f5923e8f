package dev.nightshift.app;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code nightshift} command in a process of its own, as a person starts it from a shell: its own JVM, its
 * own environment, stdout and stderr read line by line, and Ctrl-C delivered as SIGINT. The process starts with
 * SIGINT at its default disposition ({@code env --default-signal}): a JVM that inherits an ignored SIGINT (as
 * background jobs of a script do) could not be interrupted at all.
 */
final class CliProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CliProcess(Process process) {
        this.process = process;
        this.outReader = drain(process.getInputStream(), out);
        this.errReader = drain(process.getErrorStream(), err);
    }

    static CliProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Nightshift.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    /** Waits until a line of stderr matches. */
    String awaitErr(Predicate<String> line, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> err.stream().anyMatch(line) || !process.isAlive());
        return err.stream()
                .filter(line)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the process ended (exit " + process.exitValue()
                        + ") without printing the line awaited; stderr:\n" + String.join("\n", err)));
    }

    /** What Ctrl-C in its terminal would send. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** What a service manager's stop does: SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** What kill -9 does: the process ends at once, whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    int waitFor(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "the process did not end within " + within + "; stderr:\n" + String.join("\n", err));
        }
        outReader.join(10_000);
        errReader.join(10_000);
        return process.exitValue();
    }

    String out() {
        return String.join("\n", out);
    }

    String err() {
        return String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread drain(InputStream stream, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
