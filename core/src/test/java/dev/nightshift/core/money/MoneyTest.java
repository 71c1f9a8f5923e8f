package dev.nightshift.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.codec.Json;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void equalAmountsAreEqualWhateverTheirScale() {
        assertThat(Money.usd("0.50")).isEqualTo(Money.usd("0.5")).hasSameHashCodeAs(Money.usd("0.5000"));
    }

    @Test
    void serialisesAsAPlainDecimalStringAndBack() throws Exception {
        String json = Json.mapper().writeValueAsString(Money.usd("0.000000123"));

        assertThat(json).isEqualTo("\"0.000000123\"");
        assertThat(Json.mapper().readValue(json, Money.class)).isEqualTo(Money.usd("0.000000123"));
    }

    @Test
    void nanosRoundTrip() {
        assertThat(Money.ofNanos(1_234)).isEqualTo(Money.usd("0.000001234"));
        assertThat(Money.usd("1.5").roundedNanos()).isEqualTo(1_500_000_000L);
    }

    @Test
    void displaysDollarsWithAtLeastTwoDecimals() {
        assertThat(Money.usd("3.5").display()).isEqualTo("$3.50");
        assertThat(Money.usd("0.0012").display()).isEqualTo("$0.0012");
    }

    @Test
    void refusesTextThatIsNotAnAmount() {
        assertThatThrownBy(() -> Money.usd("ten")).hasMessageContaining("'ten' is not a dollar amount");
    }
}
