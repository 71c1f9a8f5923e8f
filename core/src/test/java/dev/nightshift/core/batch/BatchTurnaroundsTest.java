package dev.nightshift.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTurnaroundsTest {
    @Test
    void batchesSeenToEndReplaceTheConfiguredExpectationByTheirNinetiethPercentile() {
        BatchTurnarounds turnarounds = new BatchTurnarounds(ConfigLoader.loadDefault(Map.of()));
        assertThat(turnarounds.of("openai")).isEqualTo(Duration.ofMinutes(60));
        assertThat(turnarounds.observed("openai")).isFalse();

        for (int minutes = 1; minutes <= 10; minutes++) {
            turnarounds.observe("openai", Duration.ofMinutes(minutes));
        }
        turnarounds.observe("openai", Duration.ofMinutes(-1));

        assertThat(turnarounds.observed("openai")).isTrue();
        assertThat(turnarounds.of("openai")).isEqualTo(Duration.ofMinutes(9));
        assertThat(turnarounds.of("gemini")).isEqualTo(Duration.ofMinutes(60));
    }
}
