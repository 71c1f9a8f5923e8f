package dev.nightshift.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AimdScaleTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void halvesOnceForABurstOf429sWithinTheCoolDown() {
        AimdScale s = new AimdScale(50, Duration.ofSeconds(2));
        s.onRateLimited(T0);
        s.onRateLimited(T0.plusMillis(500));
        s.onRateLimited(T0.plusMillis(1999));
        assertThat(s.permille()).isEqualTo(500);
        s.onRateLimited(T0.plusSeconds(2));
        assertThat(s.permille()).isEqualTo(250);
    }

    @Test
    void neverFallsBelowTheFloor() {
        AimdScale s = new AimdScale(50, Duration.ZERO);
        for (int i = 0; i < 20; i++) {
            s.onRateLimited(T0.plusSeconds(i));
        }
        assertThat(s.permille()).isEqualTo(50);
        assertThat(s.apply(10)).isEqualTo(1);
    }

    @Test
    void growsBackByOnePermillePerSuccessUpToTheFullLimit() {
        AimdScale s = new AimdScale(50, Duration.ZERO);
        s.onRateLimited(T0);
        for (int i = 0; i < 499; i++) {
            s.onSuccess();
        }
        assertThat(s.permille()).isEqualTo(999);
        s.onSuccess();
        s.onSuccess();
        assertThat(s.permille()).isEqualTo(1000);
        assertThat(s.apply(600)).isEqualTo(600);
    }
}
