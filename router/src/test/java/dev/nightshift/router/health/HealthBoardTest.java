package dev.nightshift.router.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.health.ProviderHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthBoardTest {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final HealthBoard board = new HealthBoard(now::get, Duration.ofMinutes(5));

    private static ProviderHealth health(
            ProviderHealth.Circuit circuit, Integer rpm, long backlog, Instant pausedUntil, Instant at) {
        return new ProviderHealth("deepseek", circuit, rpm, backlog, 1500, pausedUntil, at);
    }

    @Test
    void knowsNothingOfAProviderThatNeverReported() {
        assertThat(board.circuitOpen("deepseek")).isFalse();
        assertThat(board.timeToClear("deepseek")).isEmpty();
    }

    @Test
    void reportsAnOpenCircuitWhileTheReportIsFresh() {
        board.report(health(ProviderHealth.Circuit.OPEN, 60, 0, null, NOW));

        assertThat(board.circuitOpen("deepseek")).isTrue();
    }

    @Test
    void ignoresAStaleReportSoThatAnOpenCircuitDoesNotOutliveItsWorkers() {
        board.report(health(ProviderHealth.Circuit.OPEN, 60, 10, null, NOW));

        now.set(NOW.plus(Duration.ofMinutes(6)));

        assertThat(board.circuitOpen("deepseek")).isFalse();
        assertThat(board.timeToClear("deepseek")).isEmpty();
    }

    @Test
    void keepsTheNewestReportWhenAnOlderOneArrivesLate() {
        board.report(health(ProviderHealth.Circuit.CLOSED, 60, 0, null, NOW));
        board.report(health(ProviderHealth.Circuit.OPEN, 60, 0, null, NOW.minusSeconds(30)));

        assertThat(board.circuitOpen("deepseek")).isFalse();
    }

    @Test
    void timeToClearIsTheBacklogAtTheCurrentRatePlusAnyPauseStillRunning() {
        // 120 jobs at 60 rpm = 2 minutes, after a retry-after pause that ends in 30 s
        board.report(health(ProviderHealth.Circuit.CLOSED, 60, 120, NOW.plusSeconds(30), NOW));

        assertThat(board.timeToClear("deepseek")).contains(Duration.ofSeconds(150));
    }

    @Test
    void countsWhatTheRouterSentAfterTheReportAndResetsOnTheNextOne() {
        board.report(health(ProviderHealth.Circuit.CLOSED, 60, 0, null, NOW));
        board.sent("deepseek");
        board.sent("deepseek");

        assertThat(board.timeToClear("deepseek")).contains(Duration.ofSeconds(2));

        board.report(health(ProviderHealth.Circuit.CLOSED, 60, 0, null, NOW.plusSeconds(1)));
        assertThat(board.timeToClear("deepseek")).contains(Duration.ZERO);
    }

    @Test
    void anUnknownBacklogMeansAnUnknownTimeToClear() {
        board.report(health(ProviderHealth.Circuit.CLOSED, 60, -1, null, NOW));

        assertThat(board.timeToClear("deepseek")).isEmpty();
    }

    @Test
    void anUnlimitedLaneClearsAtOnce() {
        board.report(health(ProviderHealth.Circuit.CLOSED, null, 5_000, null, NOW));

        assertThat(board.timeToClear("deepseek")).contains(Duration.ZERO);
    }
}
