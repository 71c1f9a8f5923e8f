package dev.nightshift.core.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaneRetryAttemptsTest {
    @Test
    void laneRetriesNeverShareANumberWithEachOtherOrWithARoutedAttempt() {
        Set<Integer> seen = new HashSet<>();
        for (int routed = 1; routed <= 20; routed++) {
            assertThat(LaneRetryAttempts.isLaneRetry(routed)).isFalse();
            for (int delivery = 1; delivery <= 10; delivery++) {
                int n = LaneRetryAttempts.of(routed, delivery);
                assertThat(LaneRetryAttempts.isLaneRetry(n)).isTrue();
                assertThat(seen.add(n)).isTrue();
            }
        }
        assertThat(LaneRetryAttempts.of(1, 1)).isEqualTo(1001);
    }

    @Test
    void refusesNumbersOutsideItsRange() {
        assertThatThrownBy(() -> LaneRetryAttempts.of(LaneRetryAttempts.STRIDE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaneRetryAttempts.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
