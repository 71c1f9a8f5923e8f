package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.simulator.reply.DocsDefects;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.simulator.wire.Dialect;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorConfigTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @TempDir
    Path dir;

    @Test
    void derivesOneProviderPerConfiguredProviderWithItsProtocolAndPrices() {
        // Given the bundled nightshift config
        // When the simulator config is derived from it
        SimulatorConfig sim = SimulatorConfig.from(CONFIG);

        // Then every provider is there with its protocol, its models under key and wire name, and quiet defaults
        assertThat(sim.providers().keySet()).isEqualTo(CONFIG.providers().keySet());
        ProviderSettings anthropic = sim.provider("anthropic");
        assertThat(anthropic.protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(anthropic.models().get("claude-3-5-haiku-20241022").input()).isEqualTo(Money.usd("0.80"));
        assertThat(anthropic.models().get("claude-3-5-haiku").output()).isEqualTo(Money.usd("4.00"));
        assertThat(anthropic.tokenFactor()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(anthropic.faults()).isEmpty();
        assertThat(anthropic.down()).isFalse();
        assertThat(sim.provider("deepseek").dialect()).isEqualTo(Dialect.DEEPSEEK);
        assertThat(sim.provider("qwen").dialect()).isEqualTo(Dialect.STANDARD);
        assertThat(sim.port()).isZero();
    }

    @Test
    void enforcesTheConfiguredLimitsOnlyWhenAsked() {
        // Given the derived config
        SimulatorConfig sim = SimulatorConfig.from(CONFIG);

        // When the configured limits are switched on
        SimulatorConfig limited = sim.withConfiguredLimits(CONFIG);

        // Then deepseek's 60 RPM applies only to the second
        assertThat(sim.provider("deepseek").limits().requestsPerMinute()).isNull();
        assertThat(limited.provider("deepseek").limits().requestsPerMinute()).isEqualTo(60);
    }

    @Test
    void appliesAScriptFileOverTheDerivedSettings() throws IOException {
        // Given a script with a seed, a token factor, latency, limits and faults
        Path script = Files.writeString(dir.resolve("sim.yaml"), """
                seed: 7
                providers:
                  deepseek:
                    tokenFactor: 1.2
                    latency: {distribution: lognormal, medianMs: 300, sigma: 0.5, maxMs: 4000}
                    limits: {requestsPerMinute: 30, concurrentRequests: 2}
                    faults:
                      - {fault: server-error, rate: 0.1}
                      - {fault: bad-request, whenPromptContains: POISON}
                """);

        // When it is applied
        SimulatorConfig sim = SimulatorConfig.from(CONFIG, script);

        // Then the provider carries the scripted behaviour and keeps the rest
        ProviderSettings deepseek = sim.provider("deepseek");
        assertThat(sim.seed()).isEqualTo(7);
        assertThat(deepseek.tokenFactor()).isEqualByComparingTo("1.2");
        assertThat(deepseek.latency()).isEqualTo(new Latency("lognormal", 0, 300, 4000, 0.5, 0));
        assertThat(deepseek.limits().concurrentRequests()).isEqualTo(2);
        assertThat(deepseek.faults()).extracting(r -> r.fault()).containsExactly(Fault.SERVER_ERROR, Fault.BAD_REQUEST);
        assertThat(deepseek.faults().get(1).whenPromptContains()).isEqualTo("POISON");
        assertThat(deepseek.models())
                .isEqualTo(SimulatorConfig.from(CONFIG).provider("deepseek").models());
    }

    @Test
    void takesTheBatchPriceFactorFromTheConfigAndTheRestFromAScript() throws IOException {
        // Given a script setting anthropic's batch turnaround and failures, and a bad rate for gemini's
        Path script = Files.writeString(
                dir.resolve("batch.yaml"),
                "providers:\n  anthropic:\n    batch: {turnaroundMs: 60000, itemFailureRate: 0.25}\n");
        Path bad = Files.writeString(
                dir.resolve("bad-batch.yaml"), "providers:\n  gemini:\n    batch: {itemExpireRate: 2}\n");

        // When the simulator config is read with them
        SimulatorConfig sim = SimulatorConfig.from(CONFIG, script);

        // Then the script's fields apply over the config's price factor, and the bad rate is refused by its key
        assertThat(sim.provider("anthropic").batch().turnaround()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(sim.provider("anthropic").batch().failureRate()).isEqualTo(0.25);
        assertThat(sim.provider("anthropic").batch().factor())
                .isEqualByComparingTo(CONFIG.provider("anthropic").batch().priceFactor());
        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.itemExpireRate");
    }

    @Test
    void namesTheBadKeyOfAScript() throws IOException {
        // Given a script with a misspelt key
        Path script = Files.writeString(dir.resolve("bad.yaml"), "providers:\n  gemini:\n    tokenFactr: 2\n");

        // When it is read
        // Then the error names the file and the key
        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, script))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("tokenFactr");
    }

    @Test
    void refusesAScriptForAnUnknownProviderWithoutProtocol() throws IOException {
        // Given a script for a provider nightshift does not configure, without protocol and models
        Path script = Files.writeString(dir.resolve("new.yaml"), "providers:\n  groq:\n    tokenFactor: 2\n");

        // When it is applied
        // Then the error says what to add
        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, script))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("groq")
                .hasMessageContaining("protocol and models");
    }

    @Test
    void readsPerModelTestDefectsFromAScriptOverTheBuiltInProfiles() throws IOException {
        // Given a script setting DeepSeek's build errors, Anthropic's Haiku by its config key, and a default for OpenAI
        Path script = Files.writeString(dir.resolve("defects.yaml"), """
                providers:
                  deepseek:
                    testDefects:
                      deepseek-chat: {buildError: 0.3, repairSuccess: 0.5}
                  anthropic:
                    testDefects:
                      claude-3-5-haiku: {wrongAssertion: 0.01}
                  openai:
                    testDefects:
                      default: {buildError: 0, wrongAssertion: 0, flaky: 0, noGain: 0}
                """);

        // When it is applied
        SimulatorConfig sim = SimulatorConfig.from(CONFIG, script);

        // Then each model has its profile, the fields left out coming from the built-in one
        assertThat(sim.provider("deepseek").testDefectsFor("deepseek-chat"))
                .isEqualTo(new TestDefects(0.3, 0.15, 0.05, 0.10, 0.5));
        assertThat(sim.provider("anthropic").testDefectsFor("claude-3-5-haiku-20241022"))
                .isEqualTo(new TestDefects(0.10, 0.01, 0.03, 0.07, 0.75));
        assertThat(sim.provider("openai").testDefectsFor("gpt-4o-mini"))
                .isEqualTo(new TestDefects(0.0, 0.0, 0.0, 0.0, 0.75));
        assertThat(sim.provider("qwen").testDefectsFor("qwen2.5-coder-32b-instruct"))
                .isEqualTo(TestDefects.ECONOMY);
        assertThat(SimulatorConfig.from(CONFIG).provider("gemini").testDefectsFor("gemini-1.5-flash"))
                .isEqualTo(TestDefects.STANDARD);
    }

    @Test
    void namesTheModelOfAnImpossibleDefectProfile() throws IOException {
        // Given a profile whose defects add up to more than 1 once the built-in ones fill it in
        Path script = Files.writeString(
                dir.resolve("over.yaml"),
                "providers:\n  deepseek:\n    testDefects:\n      deepseek-chat: {buildError: 0.9}\n");

        // When it is read
        // Then the error names the file, the provider and the model
        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, script))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("over.yaml")
                .hasMessageContaining("deepseek-chat")
                .hasMessageContaining("must not exceed 1");
    }

    @Test
    void readsPerModelDocsDefectsFromAScriptAndKeepsTheOthersTruthful() throws IOException {
        // Given a script making DeepSeek's chat model hallucinate in a third of its documents
        Path script = Files.writeString(
                dir.resolve("docs.yaml"),
                "providers:\n  deepseek:\n    docsDefects:\n      deepseek-chat: {hallucinatedNames: 0.33}\n");

        // When it is applied
        SimulatorConfig sim = SimulatorConfig.from(CONFIG, script);

        // Then that model has the rate, and every other model the built-in profile: none
        assertThat(sim.provider("deepseek").docsDefectsFor("deepseek-chat")).isEqualTo(new DocsDefects(0.33));
        assertThat(sim.provider("openai").docsDefectsFor("gpt-4o-mini")).isEqualTo(DocsDefects.NONE);
        assertThat(SimulatorConfig.from(CONFIG)
                        .withProvider("openai", p -> p.withDocsDefects("gpt-4o", 1.0))
                        .provider("openai")
                        .docsDefectsFor("gpt-4o-2024-08-06"))
                .isEqualTo(DocsDefects.alwaysHallucinating());
    }

    @Test
    void namesTheModelOfAnImpossibleHallucinationRate() throws IOException {
        Path script = Files.writeString(
                dir.resolve("bad-docs.yaml"),
                "providers:\n  deepseek:\n    docsDefects:\n      deepseek-chat: {hallucinatedNames: 1.5}\n");
        assertThatThrownBy(() -> SimulatorConfig.from(CONFIG, script))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad-docs.yaml")
                .hasMessageContaining("deepseek-chat")
                .hasMessageContaining("hallucinatedNames");
    }
}
