package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.simulator.reply.TestDefects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model@language} test-defect profiles in a simulator script. */
class LanguageProfilesConfigTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @TempDir
    Path dir;

    @Test
    void aScriptMakesDeepSeekPoorAtJavaScriptAlone() throws IOException {
        Path script = Files.writeString(dir.resolve("js.yaml"), """
                providers:
                  deepseek:
                    testDefects:
                      deepseek-chat@javascript: {buildError: 0.5, wrongAssertion: 0.3, repairSuccess: 0.2}
                """);

        SimulatorConfig sim = SimulatorConfig.from(CONFIG, script);

        assertThat(sim.provider("deepseek").testDefectsFor("deepseek-chat", "javascript"))
                .isEqualTo(new TestDefects(0.5, 0.3, 0.05, 0.10, 0.2));
        assertThat(sim.provider("deepseek").testDefectsFor("deepseek-chat", "python"))
                .isEqualTo(TestDefects.ECONOMY);
        assertThat(sim.provider("anthropic").testDefectsFor("claude-3-5-haiku-20241022", "javascript"))
                .isEqualTo(TestDefects.STANDARD);
    }

    @Test
    void anUnknownLanguageInAScriptNamesTheFileTheProviderAndTheKey() throws IOException {
        Path script = Files.writeString(
                dir.resolve("typo.yaml"),
                "providers:\n  deepseek:\n    testDefects:\n      deepseek-chat@javscript: {buildError: 0.5}\n");

        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, script))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("typo.yaml")
                .hasMessageContaining("deepseek")
                .hasMessageContaining("deepseek-chat@javscript: unknown language 'javscript'");
    }
}
