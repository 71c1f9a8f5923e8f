package dev.nightshift.simulator.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void spellsDurationsAsGoDoesForOpenAiResetHeaders() {
        assertThat(Durations.go(Duration.ofMillis(12))).isEqualTo("12ms");
        assertThat(Durations.go(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Durations.go(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(Durations.go(Duration.ofMillis(51_189))).isEqualTo("51.189s");
        assertThat(Durations.go(Duration.ofMillis(3_723_500))).isEqualTo("1h2m3.5s");
    }

    @Test
    void spellsProtobufDurationsForGeminiRetryInfo() {
        assertThat(Durations.protobuf(Duration.ofSeconds(58))).isEqualTo("58s");
        assertThat(Durations.protobuf(Duration.ofMillis(540))).isEqualTo("0.54s");
    }

    @Test
    void roundsRetryAfterUpToWholeSeconds() {
        assertThat(Durations.ceilSeconds(Duration.ofMillis(45_175))).isEqualTo(46);
        assertThat(Durations.ceilSeconds(Duration.ofSeconds(2))).isEqualTo(2);
    }
}
