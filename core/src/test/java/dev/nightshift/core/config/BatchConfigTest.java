package dev.nightshift.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchConfigTest {
    @TempDir
    Path dir;

    @Test
    void theBundledProvidersWithABatchApiOfferItAtHalfPriceAndTheOthersDoNot() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());

        assertThat(config.batchAllowed(ModelRef.parse("openai/gpt-4o-mini"))).isTrue();
        assertThat(config.batchAllowed(ModelRef.parse("anthropic/claude-3-5-haiku")))
                .isTrue();
        assertThat(config.batchAllowed(ModelRef.parse("gemini/gemini-1.5-flash")))
                .isTrue();
        assertThat(config.batchAllowed(ModelRef.parse("deepseek/deepseek-chat")))
                .isFalse();
        ModelRef haiku = ModelRef.parse("anthropic/claude-3-5-haiku");
        assertThat(config.price(haiku, ServiceTier.BATCH).input()).isEqualTo(Money.usd("0.40"));
        assertThat(config.price(haiku, ServiceTier.BATCH).cacheWrite()).isEqualTo(Money.usd("0.50"));
        assertThat(config.price(haiku, ServiceTier.STANDARD)).isEqualTo(config.price(haiku));
    }

    @Test
    void aBatchCallCostsExactlyTheFactorOfTheSynchronousOne() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        ModelRef mini = ModelRef.parse("openai/gpt-4o-mini");
        Usage usage = new Usage(1_234_567L, 89_012L, 0L, 345_678L);

        Money standard = config.price(mini, ServiceTier.STANDARD).cost(usage);
        Money batch = config.price(mini, ServiceTier.BATCH).cost(usage);

        assertThat(batch).isEqualTo(standard.times(new BigDecimal("0.5")));
    }

    @Test
    void aProtocolsLimitCapsTheConfiguredBatchSize() {
        BatchConfig wide = new BatchConfig(true, null, null, 1_000_000, 10L * 1024 * 1024 * 1024, null);

        assertThat(wide.maxRequests(Protocol.OPENAI)).isEqualTo(50_000);
        assertThat(wide.maxRequests(Protocol.ANTHROPIC)).isEqualTo(100_000);
        assertThat(wide.maxBytes(Protocol.OPENAI)).isEqualTo(200L * 1024 * 1024);
        assertThat(wide.maxBytes(Protocol.GEMINI)).isLessThan(20L * 1024 * 1024);
        assertThat(new BatchConfig(true, null, null, 500, null, null).maxRequests(Protocol.OPENAI))
                .isEqualTo(500);
    }

    @Test
    void aPriceFactorOutsideZeroToOneIsRefusedNamingTheKey() throws Exception {
        Path file = dir.resolve("nightshift.yaml");
        Files.writeString(file, "providers:\n  openai:\n    batch: {enabled: true, priceFactor: \"1.5\"}\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("batch.priceFactor")
                .hasMessageContaining("1.5");
    }

    @Test
    void serviceTiersReadTheirWireNamesAndAbsentIsStandard() {
        assertThat(ServiceTier.of("batch")).isEqualTo(ServiceTier.BATCH);
        assertThat(ServiceTier.of(null)).isEqualTo(ServiceTier.STANDARD);
        assertThatThrownBy(() -> ServiceTier.of("priority")).hasMessageContaining("priority");
    }
}
