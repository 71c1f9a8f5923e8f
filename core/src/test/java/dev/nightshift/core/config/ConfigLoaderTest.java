package dev.nightshift.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theBundledDefaultCarriesTheDesignsModelsAndPrices() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());

        assertThat(config.providers()).containsKeys("deepseek", "qwen", "anthropic", "gemini", "openai", "mistral");
        assertThat(config.price(ModelRef.parse("deepseek/deepseek-chat")).input())
                .isEqualTo(Money.usd("0.14"));
        assertThat(config.price(ModelRef.parse("openai/gpt-4o")).output()).isEqualTo(Money.usd("10.00"));
        assertThat(config.model(ModelRef.parse("gemini/gemini-1.5-flash")).contextWindow())
                .isEqualTo(1_000_000);
        assertThat(config.provider("anthropic").protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(config.ruleFor(TaskType.DOCS).orElseThrow().models().get(0))
                .isEqualTo(ModelRef.parse("gemini/gemini-1.5-flash"));
        assertThat(config.ruleFor(TaskType.TESTS).orElseThrow().models().get(0))
                .isEqualTo(ModelRef.parse("deepseek/deepseek-chat"));
    }

    @Test
    void aUserFileIsMergedOverTheDefaults() throws Exception {
        Path file = write("providers:\n  deepseek:\n    baseUrl: http://127.0.0.1:9999/v1\n");

        NightshiftConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.provider("deepseek").baseUrl()).isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(config.provider("deepseek").models()).containsKey("deepseek-chat");
    }

    @Test
    void environmentVariablesOverrideSingleKeys() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of(
                "NIGHTSHIFT_PROVIDERS_DEEPSEEK_BASEURL", "http://localhost:1/v1",
                "NIGHTSHIFT_PROVIDERS_DEEPSEEK_APIKEYENV", "MY_DS_KEY",
                "NIGHTSHIFT_INGEST_MAX_FILE_BYTES", "2048",
                "NIGHTSHIFT_HOME", "/ignored",
                "NIGHTSHIFT_KAFKA_BOOTSTRAP", "kafka:9092",
                "NIGHTSHIFT_SINK_URL", "http://sink:8480"));

        assertThat(config.provider("deepseek").baseUrl()).isEqualTo("http://localhost:1/v1");
        assertThat(config.provider("deepseek").apiKeyEnv()).isEqualTo("MY_DS_KEY");
        assertThat(config.ingest().maxFileBytes()).isEqualTo(2048);
    }

    @Test
    void aBadValueFromAnEnvironmentVariableNamesTheVariableAndItsValue() {
        assertThatThrownBy(() -> ConfigLoader.loadDefault(Map.of("NIGHTSHIFT_INGEST_MAX_FILE_BYTES", "-7")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable NIGHTSHIFT_INGEST_MAX_FILE_BYTES=-7")
                .hasMessageContaining("maxFileBytes must be > 0")
                .hasMessageNotContaining("bundled default");
    }

    @Test
    void aValueOfTheWrongTypeFromAnEnvironmentVariableNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.loadDefault(Map.of("NIGHTSHIFT_INGEST_MAX_FILE_BYTES", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable NIGHTSHIFT_INGEST_MAX_FILE_BYTES=lots");
    }

    @Test
    void anEnvironmentVariableThatNamesNoKeyFailsLoudly() {
        assertThatThrownBy(() -> ConfigLoader.loadDefault(Map.of("NIGHTSHIFT_PROVIDERS_DEEPSEK_BASEURL", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NIGHTSHIFT_PROVIDERS_DEEPSEK_BASEURL names no config key");
    }

    @Test
    void anUnknownProviderInRoutingIsNamedWithItsPath() throws Exception {
        Path file = write(
                "routing:\n  rules:\n    - task: docs\n      models: [nosuch/model]\n    - task: tests\n      models: [deepseek/deepseek-chat]\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("routing.rules[0].models[0]")
                .hasMessageContaining("unknown provider 'nosuch'");
    }

    @Test
    void aBadValueIsNamedWithItsPath() throws Exception {
        Path file = write("providers:\n  deepseek:\n    limits:\n      requestsPerMinute: 0\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.deepseek.limits")
                .hasMessageContaining("requestsPerMinute must be > 0");
    }

    @Test
    void aModelWithoutAPriceIsAnErrorNotAFreeModel() throws Exception {
        Path file = write(
                "providers:\n  cheap:\n    protocol: openai\n    baseUrl: https://x.example/v1\n    apiKeyEnv: X_KEY\n    models:\n      m1:\n        contextWindow: 1000\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("providers.cheap.models.m1")
                .hasMessageContaining("price is required");
    }

    @Test
    void aTypoInAKeyIsNamed() throws Exception {
        Path file = write("ingest:\n  maxFileByte: 10\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'ingest.maxFileByte'");
    }

    @Test
    void malformedYamlNamesTheFileAndLine() throws Exception {
        Path file = write("providers:\n  deepseek: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml' does not exist");
    }

    @Test
    void anApiKeyNeverShowsInItsStringForm() {
        ProviderConfig deepseek = ConfigLoader.loadDefault(Map.of()).provider("deepseek");

        ApiKey key = ApiKey.resolve(deepseek, Map.of("DEEPSEEK_API_KEY", "sk-secret-123"))
                .orElseThrow();

        assertThat(key.reveal()).isEqualTo("sk-secret-123");
        assertThat(key.toString()).doesNotContain("sk-secret");
        assertThat(ApiKey.resolve(deepseek, Map.of())).isEmpty();
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("nightshift.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
