package dev.nightshift.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.usage.Usage;
import org.junit.jupiter.api.Test;

class PriceTest {

    @Test
    void costIsTokensTimesRatePerMillionForEachBucketExactly() {
        Price price = new Price(Money.usd("0.14"), Money.usd("0.014"), Money.usd("0.175"), Money.usd("0.42"));

        Money cost = price.cost(Usage.of(1_000, 2_000, 3, 500));

        // 1000×0.14 + 2000×0.014 + 3×0.175 + 500×0.42 = 140 + 28 + 0.525 + 210 = 378.525 per million
        assertThat(cost).isEqualTo(Money.usd("0.000378525"));
    }

    @Test
    void theWorstCaseOfACallPricesEveryInputTokenAtTheDearestInputRateAndTheWholeOutputBudget() {
        Price anthropicLike = new Price(Money.usd("3"), Money.usd("0.30"), Money.usd("3.75"), Money.usd("15"));

        // 1000 in at the cache-write rate 3.75 + 500 out at 15 = 3750 + 7500 per million
        assertThat(anthropicLike.worstCase(1_000, 500)).isEqualTo(Money.usd("0.01125"));
        // whatever the split of those tokens over the buckets, the bill is never more
        assertThat(anthropicLike.cost(Usage.of(400, 300, 300, 500)))
                .matches(c -> !c.exceeds(anthropicLike.worstCase(1_000, 500)));
        assertThat(Price.of("0.14", "0.42").worstCase(1_000_000, 0)).isEqualTo(Money.usd("0.14"));
    }

    @Test
    void bucketsThatWereNotReportedCostNothing() {
        Price price = Price.of("0.35", "1.50");

        assertThat(price.cost(new Usage(10L, null, null, null))).isEqualTo(Money.usd("0.0000035"));
        assertThat(price.cost(Usage.NOT_REPORTED)).isEqualTo(Money.ZERO);
    }

    @Test
    void cacheRatesDefaultToTheInputRateSoNothingIsUnderBilled() {
        Price price = Price.of("0.80", "4.00");

        assertThat(price.cacheRead()).isEqualTo(Money.usd("0.80"));
        assertThat(price.cacheWrite()).isEqualTo(Money.usd("0.80"));
    }

    @Test
    void aMillionTinyCostsSumExactlyWithoutDrift() {
        Price price = Price.of("0.14", "0.42");
        Money total = Money.ZERO;
        for (int i = 0; i < 1_000_000; i++) {
            total = total.plus(price.cost(Usage.of(1, 0, 0, 1)));
        }
        assertThat(total).isEqualTo(Money.usd("0.56"));
    }

    @Test
    void negativePricesAreRefused() {
        assertThatThrownBy(() -> Price.of("-0.1", "1")).hasMessageContaining("cannot be negative");
    }
}
