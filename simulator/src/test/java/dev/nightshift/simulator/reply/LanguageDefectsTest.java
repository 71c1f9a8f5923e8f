package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.ProviderSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-language test-defect profiles: a model may be poor in one language and as usual in the others. */
class LanguageDefectsTest {
    private static final TestDefects POOR = new TestDefects(0.6, 0.3, null, 0.0, 0.2);

    private static ProviderSettings deepseek(Map<String, TestDefects> defects) {
        return ProviderSettings.of("deepseek", Protocol.OPENAI, Map.of("deepseek-chat", Price.of("0.14", "0.42")))
                .withTestDefects(defects);
    }

    @Test
    void aLanguageEntryOverridesTheModelsProfileInThatLanguageOnly() {
        ProviderSettings settings = deepseek(Map.of(
                "deepseek-chat",
                new TestDefects(0.1, null, null, null, null),
                "deepseek-chat@javascript",
                POOR,
                "default@go",
                new TestDefects(null, null, 0.5, null, null)));

        // the fields it sets, then the model's own entry, then the built-in profile
        assertThat(settings.testDefectsFor("deepseek-chat", "javascript"))
                .isEqualTo(new TestDefects(0.6, 0.3, 0.05, 0.0, 0.2));
        assertThat(settings.testDefectsFor("deepseek-chat", "python"))
                .isEqualTo(new TestDefects(0.1, 0.15, 0.05, 0.10, 0.60));
        assertThat(settings.testDefectsFor("deepseek-chat", "python"))
                .isEqualTo(settings.testDefectsFor("deepseek-chat"));
        // a wire name that starts with the key, and a provider-wide default for one language
        assertThat(settings.testDefectsFor("deepseek-chat-v3", "javascript").buildError())
                .isEqualTo(0.6);
        assertThat(settings.testDefectsFor("deepseek-coder", "go").flaky()).isEqualTo(0.5);
        assertThat(settings.testDefectsFor("deepseek-coder", "javascript")).isEqualTo(TestDefects.ECONOMY);
        assertThat(settings.testDefectsByLanguage("deepseek-chat")).containsOnlyKeys("javascript", "go");
        assertThat(settings.testDefectsByLanguage("deepseek-coder")).containsOnlyKeys("go");
    }

    @Test
    void theModelWritesPoorTestsInItsPoorLanguageAndUsualOnesInTheOthers() {
        ProviderSettings settings = ProviderSettings.of(
                        "deepseek", Protocol.OPENAI, Map.of("deepseek-chat", Price.of("0.14", "0.42")))
                .withTestDefects("deepseek-chat", "javascript", POOR);
        // as the simulator's server builds the model for a request
        SimulatedModel model = new SimulatedModel(
                "deepseek-chat",
                settings.testDefectsFor("deepseek-chat"),
                null,
                42,
                settings.testDefectsByLanguage("deepseek-chat"));
        int[] clean = new int[2];
        int[] written = new int[2];
        List<String> prompts = TestDefectsTest.prompts(300);
        for (String prompt : prompts) {
            UnitPrompt unit = PromptReader.read(prompt);
            int k = unit.language().equals("javascript") ? 0 : 1;
            written[k]++;
            if (TestsWriter.reply(unit, model).firstTry() == Defect.NONE) {
                clean[k]++;
            }
        }

        assertThat(written[0]).isEqualTo(100);
        // JavaScript: 10 % clean first tries configured; Java and Python: DeepSeek's built-in 50 %
        assertThat(clean[0] / (double) written[0]).isLessThan(0.25);
        assertThat(clean[1] / (double) written[1]).isBetween(0.38, 0.62);
    }

    @Test
    void aMalformedKeyOrAnUnknownLanguageIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> deepseek(Map.of("deepseek-chat@javscript", POOR)))
                .hasMessageContaining(
                        "providers.deepseek.testDefects.deepseek-chat@javscript: unknown language 'javscript'; known: ")
                .hasMessageContaining("javascript");
        assertThatThrownBy(() -> deepseek(Map.of("deepseek-chat@js", POOR)))
                .hasMessageContaining("deepseek-chat@js: write the language as 'javascript', not 'js'");
        assertThatThrownBy(() -> deepseek(Map.of("@javascript", POOR)))
                .hasMessageContaining("a per-language profile is keyed model@language");
        assertThatThrownBy(() -> deepseek(Map.of("deepseek-chat@java@x", POOR)))
                .hasMessageContaining("a per-language profile is keyed model@language");
        assertThatThrownBy(() -> deepseek(Map.of("deepseek-chat@python", new TestDefects(0.9, null, null, null, null))))
                .hasMessageContaining("testDefects.deepseek-chat@python: ")
                .hasMessageContaining("must not exceed 1");
    }
}
