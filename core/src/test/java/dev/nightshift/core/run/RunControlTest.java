package dev.nightshift.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.codec.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which generations of a run's jobs a control stops, and how a control travels on the run-control topic. */
class RunControlTest {
    private static final Instant AT = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void anInterruptionStopsItsGenerationAndEveryOlderOneButNotTheNextResume() {
        RunControl control = RunControl.interrupted("r-1", 2, AT, "Ctrl-C");

        assertThat(control.stops(0)).isTrue();
        assertThat(control.stops(1)).isTrue();
        assertThat(control.stops(2)).isTrue();
        assertThat(control.stops(3)).as("the jobs a later resume publishes").isFalse();
        assertThat(control.halted()).isTrue();
    }

    @Test
    void anInterruptionOfTheFirstPlanStopsGenerationZeroOnly() {
        RunControl control = RunControl.interrupted("r-1", 0, AT, "Ctrl-C");

        assertThat(control.stops(0)).isTrue();
        assertThat(control.stops(1)).isFalse();
    }

    @Test
    void aResumeLetsItsOwnAndNewerGenerationsStartAndKeepsOlderOnesStopped() {
        RunControl control = RunControl.resumed("r-1", 2, AT);

        assertThat(control.stops(0)).isTrue();
        assertThat(control.stops(1))
                .as("still queued from before the interruption")
                .isTrue();
        assertThat(control.stops(2)).isFalse();
        assertThat(control.stops(3)).isFalse();
        assertThat(control.halted()).isFalse();
        assertThat(control.reason()).isEqualTo("nightshift resume");
    }

    @Test
    void aCancellationStopsEveryGeneration() {
        RunControl control = RunControl.cancelled("r-1", 1, AT, "nightshift cancel");

        assertThat(control.stops(0)).isTrue();
        assertThat(control.stops(1)).isTrue();
        assertThat(control.stops(2)).isTrue();
        assertThat(control.stops(Integer.MAX_VALUE)).isTrue();
        assertThat(control.halted()).isTrue();
    }

    @Test
    void aNegativeGenerationIsRefused() {
        assertThatThrownBy(() -> RunControl.interrupted("r-1", -1, AT, "Ctrl-C"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void eachActionSurvivesTheRunControlCodecWithItsSchemaVersion() {
        for (RunControl control : new RunControl[] {
            RunControl.interrupted("r-1", 0, AT, "the process running it died"),
            RunControl.resumed("r-1", 1, AT.plusSeconds(30)),
            RunControl.cancelled("r-1", 1, AT.plusSeconds(60), "nightshift cancel ✓")
        }) {
            byte[] bytes = MessageCodec.RUN_CONTROL.encode(control);

            assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
            RunControl back = MessageCodec.RUN_CONTROL.decode(bytes);
            assertThat(back).isEqualTo(control);
            assertThat(back.stops(1)).isEqualTo(control.stops(1));
        }
    }

    @Test
    void aControlWithoutTimeOrReasonStillRoundTrips() {
        RunControl control = new RunControl("r-2", RunControl.Action.INTERRUPTED, 3, null, null);

        assertThat(MessageCodec.RUN_CONTROL.decode(MessageCodec.RUN_CONTROL.encode(control)))
                .isEqualTo(control);
    }
}
