package dev.nightshift.simulator.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T03:00:00Z"));
    private final InstantSource clock = now::get;

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Test
    void refusesTheRequestOverTheMinutesLimitAndSaysWhenItWouldPass() {
        // Given 60 requests per minute, all used
        RateLimiter limiter = new RateLimiter(new Limits(60, null, null, null, null, null), clock);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.admit(10, 10)).isInstanceOf(Admission.Admitted.class);
        }

        // When one more comes
        Admission refused = limiter.admit(10, 10);

        // Then it is refused on requests, to retry in one second (one request refills per second)
        assertThat(refused).isEqualTo(new Admission.Refused(LimitScope.REQUESTS, 60, 60, 1, Duration.ofSeconds(1)));
        advance(Duration.ofSeconds(1));
        assertThat(limiter.admit(10, 10)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void limitsInputTokensPerMinute() {
        // Given 1000 input tokens per minute, 900 used
        RateLimiter limiter = new RateLimiter(new Limits(null, 1000L, null, null, null, null), clock);
        limiter.admit(900, 0);

        // When 200 more are asked for
        Admission refused = limiter.admit(200, 0);

        // Then refused on input tokens until 100 more refill (6 s at 1000/min)
        assertThat(refused).isInstanceOf(Admission.Refused.class);
        assertThat(((Admission.Refused) refused).scope()).isEqualTo(LimitScope.INPUT_TOKENS);
        assertThat(((Admission.Refused) refused).retryAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void reservesMaxTokensAgainstOutputAndGivesBackWhatWasNotUsed() {
        // Given 1000 output tokens per minute and a call reserving 800
        RateLimiter limiter = new RateLimiter(new Limits(null, null, 1000L, null, null, null), clock);
        Admission.Admitted ticket = (Admission.Admitted) limiter.admit(0, 800);
        assertThat(limiter.admit(0, 800)).isInstanceOf(Admission.Refused.class);

        // When it settles having written only 100
        limiter.settle(ticket, 100);

        // Then the unused 700 are available again
        assertThat(limiter.snapshot().outputTokens().remaining()).isEqualTo(900);
        assertThat(limiter.admit(0, 800)).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void limitsConcurrentRequests() {
        // Given two concurrent requests allowed, both in flight
        RateLimiter limiter = new RateLimiter(new Limits(null, null, null, 2, null, null), clock);
        Admission.Admitted first = (Admission.Admitted) limiter.admit(1, 1);
        limiter.admit(1, 1);

        // When a third comes, then one finishes and another comes
        Admission third = limiter.admit(1, 1);
        limiter.settle(first, 1);
        Admission fourth = limiter.admit(1, 1);

        // Then the third is refused on concurrency and the fourth let through
        assertThat(((Admission.Refused) third).scope()).isEqualTo(LimitScope.CONCURRENCY);
        assertThat(fourth).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void reportsRemainingAndTimeToFullForHeaders() {
        // Given 100 RPM with 10 used
        RateLimiter limiter = new RateLimiter(new Limits(100, null, null, null, null, null), clock);
        for (int i = 0; i < 10; i++) {
            limiter.admit(0, 0);
        }

        // When a snapshot is taken
        RateLimitSnapshot s = limiter.snapshot();

        // Then 90 remain and the bucket is full again in 6 s
        assertThat(s.requests()).isEqualTo(new RateLimitSnapshot.Dimension(100, 90, Duration.ofSeconds(6)));
        assertThat(s.inputTokens().limited()).isFalse();
    }

    @Test
    void logsWhatItAdmittedWithArrivalTimeAndTokensAndCountsWhatItRefusedByLimit() {
        // Given 2 requests per minute and a log
        LimitLog log = new LimitLog();
        RateLimiter limiter = new RateLimiter(new Limits(2, null, null, null, null, null), clock, log);
        Instant start = now.get();

        // When three requests come, the last over the limit
        limiter.admit(100, 50);
        advance(Duration.ofSeconds(1));
        limiter.admit(200, 60);
        limiter.admit(300, 70);

        // Then the log holds the two admitted, stamped on arrival, and one refusal on requests
        assertThat(log.admitted())
                .containsExactly(
                        new LimitLog.Admitted(start, 100, 50), new LimitLog.Admitted(start.plusSeconds(1), 200, 60));
        assertThat(log.refusedTotal()).isEqualTo(1);
        assertThat(log.refusedByScope()).containsEntry(LimitScope.REQUESTS, 1L);
    }
}
