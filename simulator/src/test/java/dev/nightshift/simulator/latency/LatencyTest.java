package dev.nightshift.simulator.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {
    @Test
    void drawsTheSameSamplesFromTheSameSeed() {
        // Given a log-normal latency
        Latency latency = Latency.logNormal(Duration.ofMillis(200), 0.6, Duration.ofSeconds(5));

        // When sampled twice from the same seed
        Random r1 = new Random(7);
        Random r2 = new Random(7);
        long[] first = LongStream.range(0, 50).map(i -> latency.sampleMs(r1, 0)).toArray();
        long[] second =
                LongStream.range(0, 50).map(i -> latency.sampleMs(r2, 0)).toArray();

        // Then the runs are identical, within the bounds, and not all alike
        assertThat(first).isEqualTo(second);
        assertThat(LongStream.of(first).boxed()).allMatch(ms -> ms >= 0 && ms <= 5000);
        assertThat(LongStream.of(first).distinct().count()).isGreaterThan(10);
    }

    @Test
    void addsTimePerOutputToken() {
        // Given a fixed 100 ms plus 2 ms per token
        Latency latency = Latency.fixed(Duration.ofMillis(100)).withPerOutputTokenMs(2);

        // When sampled for 50 tokens
        // Then it takes 200 ms
        assertThat(latency.sampleMs(new Random(1), 50)).isEqualTo(200);
    }

    @Test
    void keepsUniformSamplesWithinTheirRange() {
        Latency latency = Latency.uniform(Duration.ofMillis(10), Duration.ofMillis(20));
        Random random = new Random(3);
        assertThat(LongStream.range(0, 100)
                        .map(i -> latency.sampleMs(random, 0))
                        .boxed())
                .allMatch(ms -> ms >= 10 && ms <= 20);
    }

    @Test
    void rejectsAnUnknownDistributionNamingTheValidOnes() {
        assertThatThrownBy(() -> new Latency("gaussian", 0, 1, 2, 0, 0))
                .hasMessageContaining("fixed, uniform or lognormal");
    }
}
