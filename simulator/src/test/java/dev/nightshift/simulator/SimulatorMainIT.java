package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainIT {
    @TempDir
    Path dir;

    @Test
    void startsFromArgumentsWithAScriptAndPrintsEachProvidersBaseUrl() throws IOException {
        // Given a script taking deepseek down
        Path script = Files.writeString(dir.resolve("drill.yaml"), "seed: 3\nproviders:\n  deepseek: {down: true}\n");

        // When started as the command would
        try (ProviderSimulator sim = SimulatorMain.start(
                new String[] {"--port", "0", "--script", script.toString(), "--limits"}, Map.of())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatorMain.printUrls(sim, new PrintStream(out, true, StandardCharsets.UTF_8));

            // Then it serves the scripted behaviour and tells where each provider lives
            assertThat(sim.settings("deepseek").down()).isTrue();
            assertThat(sim.settings("deepseek").limits().requestsPerMinute()).isEqualTo(60);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("listening on " + sim.baseUrl())
                    .contains("deepseek: baseUrl " + sim.baseUrlFor("deepseek"))
                    .contains("NIGHTSHIFT_PROVIDERS_DEEPSEEK_BASEURL");
            SimClient.Reply reply = SimClient.post(
                    sim.baseUrlFor("deepseek") + "/chat/completions",
                    Prompts.openAi("deepseek-chat", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT),
                    "authorization",
                    "Bearer " + SimClient.KEY);
            assertThat(reply.status()).isEqualTo(503);
        }
    }

    @Test
    void rejectsAnUnknownArgumentWithOneLineAndExitCode2() {
        // Given a misspelt flag
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // When run
        int code = SimulatorMain.run(
                new String[] {"--prot", "80"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());

        // Then exit code 2 and one line naming the argument, no stack trace
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(message.lines()).hasSize(1);
        assertThat(message).contains("unknown argument '--prot'").doesNotContain("Exception");
    }

    @Test
    void namesABadPortAndAMissingConfigFile() {
        assertThatThrownBy(() -> SimulatorMain.start(new String[] {"--port", "http"}, Map.of()))
                .hasMessageContaining("--port 'http' is not a port");
        assertThatThrownBy(() -> SimulatorMain.start(
                        new String[] {"--config", dir.resolve("nope.yaml").toString()}, Map.of()))
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("does not exist");
    }
}
