package dev.nightshift.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.router.budget.ReserveMode;
import dev.nightshift.router.policy.RouteRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterConfigLoaderTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("router.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void theBundledTiersComeFirstAndCoreRulesFollowAsCatchAlls() {
        RouterConfig config = RouterConfigLoader.loadDefault(CONFIG);

        assertThat(config.rules())
                .extracting(RouteRule::name)
                .containsExactly(
                        "tests-hard",
                        "tests-large",
                        "tests-boilerplate",
                        "docs-huge",
                        "docs-boilerplate",
                        "docs-long-context",
                        "tests-cheap");
        assertThat(config.spillover()).isNotNull();
        assertThat(config.budgets().reserve()).isEqualTo(ReserveMode.WORST_CASE);
    }

    @Test
    void aUsersRulesReplaceTheBundledOnesWhileOtherSettingsMerge() throws Exception {
        Path f = file("""
                router:
                  includeCoreRules: false
                  rules:
                    - name: everything-to-qwen
                      task: tests
                      models: [qwen/qwen2.5-coder]
                    - name: docs
                      task: docs
                      languages: [markdown]
                      models: [gemini/gemini-1.5-flash]
                  constraints: {maxJobCost: "0.25"}
                  budgets:
                    reserve: expected
                    defaultRunMaxCost: "3.00"
                    tenantDaily: {acme: "10"}
                  spillover: {maxLaneWait: PT10M}
                """);

        RouterConfig config = RouterConfigLoader.load(f, CONFIG);

        assertThat(config.rules()).extracting(RouteRule::name).containsExactly("everything-to-qwen", "docs");
        assertThat(config.rules().get(1).languages()).containsExactly("markdown");
        assertThat(config.constraints().maxJobCost()).isEqualTo(Money.usd("0.25"));
        assertThat(config.constraints().contextMarginPercent()).isEqualTo(10);
        assertThat(config.budgets().reserve()).isEqualTo(ReserveMode.EXPECTED);
        assertThat(config.budgets().tenantDailyLimit("acme")).isEqualTo(Money.usd("10"));
        assertThat(config.budgets().defaultRunMaxCost()).isEqualTo(Money.usd("3.00"));
        assertThat(config.spillover().maxLaneWait()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anUnknownModelInAUsersRuleNamesItsPath() throws Exception {
        Path f = file("""
                router:
                  rules:
                    - {name: a, task: tests, models: [deepseek/deepseek-chat, nope/model-x]}
                """);

        assertThatThrownBy(() -> RouterConfigLoader.load(f, CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("router.rules[0].models[1]")
                .hasMessageContaining("'nope/model-x' is not a configured model");
    }

    @Test
    void anUnknownKeyNamesItsPathAndTheKnownKeys() throws Exception {
        Path f = file("""
                router:
                  budgets: {perRun: "1.00"}
                """);

        assertThatThrownBy(() -> RouterConfigLoader.load(f, CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'router.budgets.perRun'")
                .hasMessageContaining("defaultRunMaxCost");
    }

    @Test
    void aBadValueSaysWhatToWriteInstead() throws Exception {
        Path f = file("""
                router:
                  budgets: {reserve: sometimes}
                """);

        assertThatThrownBy(() -> RouterConfigLoader.load(f, CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("use worst-case or expected");
    }

    @Test
    void theBatchMarginIsFifteenMinutesUnlessTheFileSaysOtherwise() throws Exception {
        Path f = file("""
                router:
                  batch: {margin: PT40M}
                """);

        assertThat(RouterConfigLoader.loadDefault(CONFIG).batchMargin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(RouterConfigLoader.load(f, CONFIG).batchMargin()).isEqualTo(Duration.ofMinutes(40));
        Path negative = file("""
                router:
                  batch: {margin: -PT1M}
                """);
        assertThatThrownBy(() -> RouterConfigLoader.load(negative, CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.margin cannot be negative (e.g. PT15M)");
    }

    @Test
    void aFileWithoutARouterSectionIsRefused() throws Exception {
        Path f = file("rules: []\n");

        assertThatThrownBy(() -> RouterConfigLoader.load(f, CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("top-level 'router:' key");
    }

    @Test
    void theBundledTiersDropModelsOfProvidersTheConfigDoesNotDefine() {
        // Given a core config without the anthropic provider
        Map<String, dev.nightshift.core.config.ProviderConfig> providers = new java.util.HashMap<>(CONFIG.providers());
        providers.remove("anthropic");
        NightshiftConfig withoutAnthropic = new NightshiftConfig(
                providers, CONFIG.routing(), CONFIG.jobs(), CONFIG.baseline(), CONFIG.ingest(), CONFIG.sink());

        // When the bundled tiers load over it
        RouterConfig config = RouterConfigLoader.loadDefault(withoutAnthropic);

        // Then every rule survives, without the Anthropic model in its chain
        assertThat(config.rules()).hasSize(7);
        assertThat(config.rules())
                .flatExtracting(RouteRule::chain)
                .extracting(m -> m.provider())
                .doesNotContain("anthropic");
    }
}
