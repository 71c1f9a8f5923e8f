package dev.nightshift.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {
    private final CallDeadline deadlines = new CallDeadline(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void beforeAnyAnswerACallIsGivenItsOutputAtACautiousPace() {
        // 2 × (10 s + 5,000 input tokens at 5,000/s + 1,000 output tokens at 20/s) = 2 × 61 s
        assertThat(deadlines.forCall(5_000, 1_000)).isEqualTo(Duration.ofSeconds(122));
        assertThat(deadlines.forCall(5_000, 8_000)).as("at most the ceiling").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aFastLaneGivesItsCallsLessTimeAndTheSlowestRecentAnswerSetsThePace() {
        deadlines.answered(1_000, Duration.ofSeconds(10)); // 100 tokens/s
        assertThat(deadlines.forCall(0, 2_000)).isEqualTo(Duration.ofSeconds(60)); // 2 × (10 + 20)

        deadlines.answered(500, Duration.ofSeconds(10)); // 50 tokens/s
        assertThat(deadlines.forCall(0, 2_000)).isEqualTo(Duration.ofSeconds(100)); // 2 × (10 + 40)
    }

    @Test
    void shortAnswersSayNothingAboutPaceAndTheFloorHolds() {
        deadlines.answered(10, Duration.ofSeconds(30));
        assertThat(deadlines.forCall(0, 1_000)).as("still the cautious default").isEqualTo(Duration.ofSeconds(120));

        CallDeadline fastFloor = new CallDeadline(Duration.ofSeconds(30), Duration.ofMinutes(5));
        fastFloor.answered(10_000, Duration.ofSeconds(1));
        assertThat(fastFloor.forCall(0, 100)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theOldestPacesLeaveTheWindow() {
        deadlines.answered(100, Duration.ofSeconds(10)); // 10 tokens/s, soon forgotten
        for (int i = 0; i < CallDeadline.WINDOW; i++) {
            deadlines.answered(1_000, Duration.ofSeconds(10));
        }
        assertThat(deadlines.forCall(0, 2_000)).isEqualTo(Duration.ofSeconds(60));
    }
}
