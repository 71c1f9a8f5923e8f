package dev.nightshift.worker.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.worker.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TimeScaleTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aScaledClockStartsAtTheRealInstantAndAdvancesFactorTimesAsFast() {
        // Given a wall clock and time scaled 10×
        MutableClock wall = new MutableClock(START);
        TimeScale scale = TimeScale.faster(10, wall);
        // When 6 real seconds pass
        Instant before = scale.clock().instant();
        wall.advance(Duration.ofSeconds(6));
        // Then the scaled clock has moved one minute from where the wall clock stood
        assertThat(before).isEqualTo(START);
        assertThat(scale.clock().instant()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void aWaitOnTheScaledClockIsATimerOfThatWaitDividedByTheFactorRoundedUp() {
        // Given time scaled 12×
        TimeScale scale = TimeScale.faster(12, new MutableClock(START));
        // Then a one-minute quota wait is a 5 s timer, and a tiny wait is still a timer of 1 ms
        assertThat(scale.timerMillis(Duration.ofMinutes(1))).isEqualTo(5_000);
        assertThat(scale.timerMillis(Duration.ofMillis(25))).isEqualTo(3);
        assertThat(scale.timerMillis(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void realTimeIsTheSystemClockAndTimersOfTheWaitItself() {
        // Given the production default
        TimeScale real = TimeScale.REAL;
        // Then nothing is scaled
        assertThat(real.factor()).isEqualTo(1.0);
        assertThat(real.clock()).isSameAs(InstantSource.system());
        assertThat(real.timerMillis(Duration.ofSeconds(2))).isEqualTo(2_000);
        assertThat(TimeScale.faster(1)).isSameAs(TimeScale.REAL);
    }

    @Test
    void aFactorBelowOneIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> TimeScale.faster(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time scale factor must be a finite number >= 1")
                .hasMessageContaining("0.5");
    }
}
