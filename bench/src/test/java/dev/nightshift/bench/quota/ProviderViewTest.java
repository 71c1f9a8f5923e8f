package dev.nightshift.bench.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.config.Limits;
import dev.nightshift.simulator.limit.LimitLog;
import dev.nightshift.simulator.limit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProviderViewTest {
    private static final Limits ACCOUNT = new Limits(600, 400_000L, 40_000L, 32, null, null);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:00Z"));
    private final LimitLog log = new LimitLog();
    /** Enforces nothing, so that every call is logged as admitted at the time the test sets. */
    private final RateLimiter provider = new RateLimiter(Limits.UNLIMITED, now::get, log);

    private void callsPerSecond(int perSecond, int seconds) {
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                provider.admit(300, 40);
                now.updateAndGet(t -> t.plusNanos(1_000_000_000L / perSecond));
            }
        }
    }

    @Test
    void aClientAtExactlyTheLimitUsesAllOfItAndNoWindowHoldsMore() {
        // Given a client that sent 10 calls a second for six minutes against 600 RPM
        callsPerSecond(10, 360);
        // When the provider's view is taken
        ProviderView view = ProviderView.of(log, ACCOUNT);
        // Then the steady state (the first and last minute left out) used the whole limit, and no window went over
        assertThat(view.utilization()).isCloseTo(1.0, within(0.01));
        assertThat(view.overLimitWindows()).isZero();
        assertThat(view.steadySeconds()).isCloseTo(240, within(1.0));
        assertThat(view.inputTokenUtilization()).isCloseTo(600 * 300 / 400_000.0, within(0.01));
    }

    @Test
    void aBurstAboveTheLimitCountsTheWindowsItFillsButNotTheSteadyStateAfterIt() {
        // Given a client that sent 300 calls in its first second, then 5 a second for five minutes
        callsPerSecond(300, 1);
        callsPerSecond(5, 300);
        // When the provider's view is taken
        ProviderView view = ProviderView.of(log, ACCOUNT);
        // Then the windows holding the burst (300 + 295 at most) stay within 600, and the steady state after the
        // first minute shows the half rate, in its mean and in its fullest window alike
        assertThat(view.overLimitWindows()).isZero();
        assertThat(view.utilization()).isCloseTo(0.5, within(0.01));
        assertThat(view.peakWindow()).isCloseTo(0.5, within(0.01));
    }

    @Test
    void windowsOverTheLimitAreCountedOncePerProviderSecond() {
        // Given 700 calls spread over the first 10 s, then nothing for two minutes, then one call
        callsPerSecond(70, 10);
        now.updateAndGet(t -> t.plus(Duration.ofMinutes(2)));
        provider.admit(300, 40);
        // When the provider's view is taken
        ProviderView view = ProviderView.of(log, ACCOUNT);
        // Then the 60 s windows that hold more than 600 of them are counted: the 53 covering at least 9 of the 10
        // seconds
        assertThat(view.overLimitWindows()).isBetween(52, 54);
        assertThat(view.admitted()).isEqualTo(701);
        assertThat(view.rateLimited()).isZero();
    }
}
