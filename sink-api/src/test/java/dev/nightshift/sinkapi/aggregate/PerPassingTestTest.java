package dev.nightshift.sinkapi.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PerPassingTestTest {
    @Test
    void aTerminatingQuotientIsExactAndAnEndlessOneIsRoundedToAPicoDollar() {
        assertThat(PerPassingTest.of(Money.usd("0.00287"), 2)).isEqualTo(Money.usd("0.001435"));
        assertThat(PerPassingTest.of(Money.usd("123456789012345678901234.000000000000000007"), 1))
                .isEqualTo(Money.usd("123456789012345678901234.000000000000000007"));
        assertThat(PerPassingTest.of(Money.usd("0.001"), 3)).isEqualTo(Money.usd("0.000333333333"));
        // an amount finer than a pico-dollar keeps six more places than it has
        assertThat(PerPassingTest.of(Money.usd("0.00000000000000001"), 3))
                .isEqualTo(Money.usd("0.00000000000000000333333"));
        assertThat(PerPassingTest.of(Money.usd("0.002"), 3).toBigDecimal())
                .isEqualByComparingTo(new BigDecimal("0.000666666667"));
    }

    @Test
    void withoutAPassingTestThereIsNoFigure() {
        assertThat(PerPassingTest.of(Money.usd("1.5"), 0)).isNull();
    }
}
