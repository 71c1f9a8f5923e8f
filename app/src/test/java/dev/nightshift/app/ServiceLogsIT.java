package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's logs go to stdout, where {@code docker compose logs} and {@code kubectl logs} read them, at the level of
 * {@code --log-level} or {@code NIGHTSHIFT_LOG_LEVEL}. Each case runs a JVM of its own: the logging library reads its
 * configuration once per process.
 */
class ServiceLogsIT {
    @TempDir
    Path home;

    private record Output(List<String> out, List<String> err) {}

    @Test
    void theSimulatorServiceLogsToStdout() throws Exception {
        Output o = simulator(List.of(), null);

        assertThat(o.out()).anyMatch(l -> l.contains("INFO") && l.contains("simulator listening on 127.0.0.1:"));
    }

    @Test
    void theLevelComesFromTheFlagOrTheEnvironment() throws Exception {
        Output quietByFlag = simulator(List.of("--log-level", "warn"), null);
        Output quietByEnvironment = simulator(List.of(), "error");

        assertThat(quietByFlag.out()).noneMatch(l -> l.contains("INFO"));
        assertThat(quietByEnvironment.out()).noneMatch(l -> l.contains("INFO"));
    }

    @Test
    void aBadLevelIsNamedWithWhereItCameFrom() throws Exception {
        Process p = start(List.of(), "loud");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(
                        "error: NIGHTSHIFT_LOG_LEVEL 'loud' is not a log level; use one of error, warn, info, debug, trace");
    }

    /** Starts {@code nightshift simulator --port 0}, waits until it tells people it listens, then stops it. */
    private Output simulator(List<String> extraArgs, String levelEnv) throws Exception {
        Process process = start(extraArgs, levelEnv);
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        Thread outReader = drain(process.getInputStream(), out);
        Thread errReader = drain(process.getErrorStream(), err);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> err.stream().anyMatch(l -> l.startsWith("billing log:")));
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            outReader.join(10_000);
            errReader.join(10_000);
        }
        return new Output(out, err);
    }

    private Process start(List<String> extraArgs, String levelEnv) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Nightshift.class.getName(),
                "simulator",
                "--port",
                "0"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NIGHTSHIFT_HOME", home.toString());
        builder.environment().remove("NIGHTSHIFT_LOG_LEVEL");
        if (levelEnv != null) {
            builder.environment().put("NIGHTSHIFT_LOG_LEVEL", levelEnv);
        }
        return builder.start();
    }

    private static Thread drain(InputStream stream, List<String> lines) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        r.lines().forEach(lines::add);
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "service-logs-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
