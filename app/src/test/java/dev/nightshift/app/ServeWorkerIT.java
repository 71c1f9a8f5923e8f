package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.testkit.KafkaTestBroker;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightshift serve worker} works the lanes it can call — providers it has a key for, and providers served on this
 * machine — names each one it leaves alone with its variable, and ends only when it can work none. Each case is a JVM of
 * its own with an environment of its own, as a deployed worker is.
 */
class ServeWorkerIT {
    @TempDir
    Path home;

    @Test
    void aWorkerWorksTheLanesItHasAKeyForOrThatAreLocalAndNamesEachProviderItLeavesAlone() throws Exception {
        Process worker = start(Map.of(
                "DEEPSEEK_API_KEY", "test-key", "NIGHTSHIFT_PROVIDERS_MISTRAL_BASEURL", "http://127.0.0.1:9/v1"));
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        Thread outReader = drain(worker.getInputStream(), out);
        Thread errReader = drain(worker.getErrorStream(), err);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() ->
                            err.stream().anyMatch(l -> l.startsWith("nightshift worker serving")) || !worker.isAlive());
            assertThat(worker.isAlive()).as(String.join("\n", err)).isTrue();
        } finally {
            worker.destroy();
            worker.waitFor(60, TimeUnit.SECONDS);
            outReader.join(10_000);
            errReader.join(10_000);
        }

        assertThat(err.stream().filter(l -> l.startsWith("worker: not working provider")))
                .containsExactly(
                        skipped("anthropic", "ANTHROPIC_API_KEY"), skipped("gemini", "GEMINI_API_KEY"),
                        skipped("openai", "OPENAI_API_KEY"), skipped("qwen", "DASHSCOPE_API_KEY"));
        assertThat(out)
                .anyMatch(l -> l.contains("working lane nightshift.lane.deepseek"))
                .anyMatch(l -> l.contains("working lane nightshift.lane.mistral"))
                .noneMatch(l -> l.contains("working lane nightshift.lane.gemini"))
                .noneMatch(l -> l.contains("working lane nightshift.lane.qwen"));
    }

    @Test
    void aWorkerThatCanWorkNoLaneEndsAtOnceNamingTheVariablesToSet() throws Exception {
        Process worker = start(Map.of());
        String err = new String(worker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.exitValue()).isEqualTo(2);
        assertThat(err)
                .isEqualTo("error: no provider lane can start: no key is set for any provider (ANTHROPIC_API_KEY,"
                        + " DASHSCOPE_API_KEY, DEEPSEEK_API_KEY, GEMINI_API_KEY, MISTRAL_API_KEY, OPENAI_API_KEY) and none has a"
                        + " baseUrl on this machine; set at least one of them");
    }

    private static String skipped(String provider, String variable) {
        return "worker: not working provider '" + provider + "': no key in " + variable
                + "; its jobs wait for a worker that has one (set " + variable + " here to work it)";
    }

    /** {@code nightshift serve worker} in a JVM whose environment holds only the home and {@code env}. */
    private Process start(Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Nightshift.class.getName(),
                "serve",
                "worker",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers(),
                "--metrics-port",
                "0",
                "--metrics-host",
                "127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("NIGHTSHIFT_HOME", home.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Thread drain(InputStream stream, List<String> lines) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        r.lines().forEach(lines::add);
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // the process ended, or the test closed its stream
                    }
                },
                "serve-worker-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
