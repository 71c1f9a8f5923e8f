package dev.nightshift.simulator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSettingsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @Test
    void defaultsToASecondsTurnaroundTheRealDayLongWindowNoFailuresAndHalfPrice() {
        // Given nothing set
        BatchSettings s = BatchSettings.DEFAULT;

        // Then the defaults apply
        assertThat(s.turnaround()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.window()).isEqualTo(Duration.ofHours(24));
        assertThat(s.failureRate()).isZero();
        assertThat(s.expireRate()).isZero();
        assertThat(s.factor()).isEqualByComparingTo("0.5");
    }

    @Test
    void pricesEveryBucketAtTheFactorExactlyAsTheNightshiftConfigDoes() {
        // Given the simulator derived from the bundled config, and a usage with every bucket
        BatchSettings openai = SimulatorConfig.from(CONFIG).provider("openai").batch();
        Price standard = CONFIG.provider("openai").models().get("gpt-4o-mini").price();
        Usage usage = Usage.of(1_234_567, 89_012, 3_456, 789_012);

        // When the batch price is applied
        Price batch = openai.price(standard);

        // Then it is the config's batch price, and half the standard cost to the nano-dollar
        assertThat(batch).isEqualTo(CONFIG.provider("openai").batch().price(standard));
        assertThat(batch.cost(usage).roundedNanos())
                .isEqualTo(standard.cost(usage).times(new BigDecimal("0.5")).roundedNanos());
    }

    @Test
    void aScriptChangesOnlyTheFieldsItSets() {
        // Given settings with a price factor from the config
        BatchSettings current = BatchSettings.priced(new BigDecimal("0.4"));

        // When a script sets the turnaround only
        BatchSettings next = new BatchSettings(5_000L, null, null, null, null).over(current);

        // Then the turnaround changes and the factor stays
        assertThat(next.turnaround()).isEqualTo(Duration.ofSeconds(5));
        assertThat(next.factor()).isEqualByComparingTo("0.4");
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new BatchSettings(-1L, null, null, null, null))
                .hasMessageContaining("batch.turnaroundMs");
        assertThatThrownBy(() -> new BatchSettings(null, 0L, null, null, null))
                .hasMessageContaining("batch.expireAfterMs");
        assertThatThrownBy(() -> new BatchSettings(null, null, 1.5, null, null))
                .hasMessageContaining("batch.itemFailureRate");
        assertThatThrownBy(() -> new BatchSettings(null, null, null, -0.1, null))
                .hasMessageContaining("batch.itemExpireRate");
        assertThatThrownBy(() -> new BatchSettings(null, null, null, null, new BigDecimal("1.5")))
                .hasMessageContaining("batch.priceFactor");
    }
}
