package dev.nightshift.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesTheCeilingWithEachRetryUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void drawsEveryDelayFromZeroToTheCeiling() {
        Random random = new Random(42);
        for (int retry = 1; retry <= 10; retry++) {
            for (int i = 0; i < 200; i++) {
                Duration d = backoff.delay(retry, random);
                assertThat(d).isBetween(Duration.ZERO, backoff.ceiling(retry));
            }
        }
    }

    @Test
    void spreadsDelaysOverTheWholeRangeRatherThanClusteringAtTheCeiling() {
        Random random = new Random(7);
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            if (backoff.delay(6, random).compareTo(Duration.ofSeconds(16)) < 0) {
                below++;
            }
        }
        assertThat(below).isBetween(400L, 600L);
    }

    @Test
    void isReproducibleWithTheSameSeed() {
        assertThat(backoff.delay(3, new Random(1))).isEqualTo(backoff.delay(3, new Random(1)));
    }

    @Test
    void refusesACapBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("base <= cap");
    }
}
