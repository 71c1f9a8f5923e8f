package dev.nightshift.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A served worker's lanes: a key, or a provider on this machine, starts one; nothing else does. */
class WorkerLanesTest {
    @Test
    void aKeyOrALoopbackBaseUrlStartsALaneAndEveryOtherProviderIsSkippedWithItsVariable() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of(
                "NIGHTSHIFT_PROVIDERS_OPENAI_BASEURL", "http://localhost:11434/v1",
                "NIGHTSHIFT_PROVIDERS_QWEN_BASEURL", "http://[::1]:8000/v1",
                "NIGHTSHIFT_PROVIDERS_MISTRAL_BASEURL", "http://127.0.0.2:8000/v1",
                "NIGHTSHIFT_PROVIDERS_ANTHROPIC_BASEURL", "http://llm.internal:8000"));

        WorkerLanes lanes = WorkerLanes.select(config, Map.of("deepseek", ApiKey.of("k")));

        assertThat(lanes.working()).containsExactlyInAnyOrder("deepseek", "openai", "qwen", "mistral");
        assertThat(lanes.skipped())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("anthropic", "ANTHROPIC_API_KEY", "gemini", "GEMINI_API_KEY"));
        assertThat(lanes.skippedLines()).hasSize(2).allSatisfy(l -> assertThat(l)
                .startsWith("worker: not working provider '"));
    }

    @Test
    void noLaneAtAllIsBadInputNamingEveryVariable() {
        WorkerLanes lanes = WorkerLanes.select(ConfigLoader.loadDefault(Map.of()), Map.of());

        assertThatThrownBy(lanes::requireOne).isInstanceOfSatisfying(UserError.class, e -> {
            assertThat(e.exitCode()).isEqualTo(UserError.BAD_INPUT);
            assertThat(e.getMessage())
                    .contains("DEEPSEEK_API_KEY")
                    .contains("GEMINI_API_KEY")
                    .contains("DASHSCOPE_API_KEY");
        });
    }
}
