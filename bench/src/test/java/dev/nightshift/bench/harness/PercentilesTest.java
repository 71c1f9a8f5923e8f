package dev.nightshift.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void takesTheNearestRankWhateverTheOrderOfTheMeasurements() {
        // Given a hundred measurements 1..100 in reverse order
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100L - i;
        }
        // When percentiles are taken
        Percentiles p = new Percentiles(values);
        // Then each is the value with that share of the measurements at or below it
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
    }

    @Test
    void convertsNanosecondsToMilliseconds() {
        assertThat(new Percentiles(new long[] {2_500_000}).millisAt(50)).isEqualTo(2.5);
    }

    @Test
    void refusesToTakePercentilesOfNothing() {
        assertThatThrownBy(() -> new Percentiles(new long[0])).hasMessageContaining("no measurements");
    }
}
