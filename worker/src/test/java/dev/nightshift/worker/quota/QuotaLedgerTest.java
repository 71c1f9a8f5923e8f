package dev.nightshift.worker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Reservation SMALL = new Reservation(100, 50);

    private static QuotaLedger ledger(Limits limits) {
        return new QuotaLedger(limits, new AimdScale(50, Duration.ofSeconds(2)));
    }

    private static Limits rpm(int rpm) {
        return new Limits(rpm, null, null, null, null, null);
    }

    private static QuotaLedger.Ticket grant(QuotaLedger l, Reservation r, Instant now) {
        Admission a = l.tryAcquire(r, now);
        assertThat(a).isInstanceOf(Admission.Granted.class);
        return ((Admission.Granted) a).ticket();
    }

    @Test
    void grantsUpToTheRequestsPerMinuteThenSaysWhenTheOldestCallLeavesTheWindow() {
        // Given a limit of 3 requests a minute, used at 0 s, 10 s and 20 s
        QuotaLedger l = ledger(rpm(3));
        grant(l, SMALL, T0);
        grant(l, SMALL, T0.plusSeconds(10));
        grant(l, SMALL, T0.plusSeconds(20));
        // When a fourth call asks at 30 s
        Admission a = l.tryAcquire(SMALL, T0.plusSeconds(30));
        // Then it must wait until the first call is a minute old (plus the one-second jitter margin)
        assertThat(a).isEqualTo(new Admission.Wait(Duration.ofSeconds(31), Dimension.REQUESTS_PER_MINUTE));
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(60))).isInstanceOf(Admission.Wait.class);
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(61))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void neverLetsAnySixtySecondWindowHoldMoreThanTheLimit() {
        // Given 10 RPM and a caller that asks every 100 ms for ten minutes, going whenever allowed
        QuotaLedger l = ledger(rpm(10));
        java.util.List<Instant> sent = new java.util.ArrayList<>();
        for (Instant now = T0; now.isBefore(T0.plusSeconds(600)); now = now.plusMillis(100)) {
            if (l.tryAcquire(SMALL, now) instanceof Admission.Granted g) {
                l.settle(g.ticket(), Usage.of(100, 0, 0, 50));
                sent.add(now);
            }
        }
        // Then every window of 60 s holds at most 10 calls, and the limit was used fully
        for (Instant start : sent) {
            long inWindow = sent.stream()
                    .filter(t -> !t.isBefore(start) && t.isBefore(start.plusSeconds(60)))
                    .count();
            assertThat(inWindow).isLessThanOrEqualTo(10);
        }
        assertThat(sent).hasSize(100);
    }

    @Test
    void reservesInputTokensPlusMaxTokensAndWaitsForInputTokensPerMinute() {
        // Given 1,000 input tokens a minute
        QuotaLedger l = ledger(new Limits(null, 1000L, null, null, null, null));
        grant(l, new Reservation(600, 4000), T0);
        // When a call needing 500 more asks 5 s later
        Admission a = l.tryAcquire(new Reservation(500, 10), T0.plusSeconds(5));
        // Then it waits for the first reservation to leave the window
        assertThat(a).isEqualTo(new Admission.Wait(Duration.ofSeconds(56), Dimension.INPUT_TOKENS_PER_MINUTE));
    }

    @Test
    void settlesAReservationAgainstTheReportedUsageAndFreesWhatWasNotUsed() {
        // Given 1,000 output tokens a minute, with a call that reserved 900 but wrote only 100
        QuotaLedger l = ledger(new Limits(null, null, 1000L, null, null, null));
        QuotaLedger.Ticket t = grant(l, new Reservation(10, 900), T0);
        assertThat(l.tryAcquire(new Reservation(10, 500), T0.plusSeconds(1))).isInstanceOf(Admission.Wait.class);
        // When it settles
        l.settle(t, Usage.of(10, 0, 0, 100));
        // Then the unused 800 are free at once
        assertThat(l.tryAcquire(new Reservation(10, 500), T0.plusSeconds(1))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void keepsTheReservationWhenTheProviderReportedNoUsage() {
        QuotaLedger l = ledger(new Limits(null, null, 1000L, null, null, null));
        QuotaLedger.Ticket t = grant(l, new Reservation(10, 900), T0);
        l.settle(t, Usage.NOT_REPORTED);
        assertThat(l.tryAcquire(new Reservation(10, 500), T0.plusSeconds(1))).isInstanceOf(Admission.Wait.class);
    }

    @Test
    void countsAFailedCallsRequestAndInputButNoOutput() {
        QuotaLedger l = ledger(new Limits(1, null, 1000L, null, null, null));
        QuotaLedger.Ticket t = grant(l, new Reservation(10, 900), T0);
        l.settleFailed(t);
        assertThat(l.tryAcquire(new Reservation(10, 900), T0.plusSeconds(1)))
                .isEqualTo(new Admission.Wait(Duration.ofSeconds(60), Dimension.REQUESTS_PER_MINUTE));
        assertThat(l.limit(Dimension.OUTPUT_TOKENS_PER_MINUTE)).isEqualTo(1000);
        assertThat(l.requestsInWindow(T0.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void letsACallLargerThanTheWholeTokenLimitGoAloneOnceTheWindowIsEmpty() {
        QuotaLedger l = ledger(new Limits(null, 1000L, null, null, null, null));
        grant(l, new Reservation(100, 0), T0);
        assertThat(l.tryAcquire(new Reservation(5000, 0), T0.plusSeconds(1)))
                .isEqualTo(new Admission.Wait(Duration.ofSeconds(60), Dimension.INPUT_TOKENS_PER_MINUTE));
        assertThat(l.tryAcquire(new Reservation(5000, 0), T0.plusSeconds(61))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void holdsConcurrentRequestsToTheLimitUntilOneSettles() {
        QuotaLedger l = ledger(new Limits(null, null, null, 2, null, null));
        QuotaLedger.Ticket first = grant(l, SMALL, T0);
        grant(l, SMALL, T0);
        assertThat(l.tryAcquire(SMALL, T0))
                .isEqualTo(new Admission.Wait(QuotaLedger.CONCURRENCY_RECHECK, Dimension.CONCURRENT_REQUESTS));
        l.settle(first, Usage.of(1, 0, 0, 1));
        assertThat(l.tryAcquire(SMALL, T0)).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void settlingTheSameTicketTwiceFreesOneSlotOnly() {
        QuotaLedger l = ledger(new Limits(null, null, null, 1, null, null));
        QuotaLedger.Ticket t = grant(l, SMALL, T0);
        l.settle(t, Usage.of(1, 0, 0, 1));
        l.settle(t, Usage.of(1, 0, 0, 1));
        grant(l, SMALL, T0);
        assertThat(l.inFlight()).isEqualTo(1);
    }

    @Test
    void saysADailyRequestLimitIsExhaustedUntilTheNextUtcDay() {
        QuotaLedger l = ledger(new Limits(null, null, null, null, 2, null));
        grant(l, SMALL, T0);
        grant(l, SMALL, T0);
        assertThat(l.tryAcquire(SMALL, T0))
                .isEqualTo(new Admission.Exhausted(Duration.ofHours(14), Dimension.REQUESTS_PER_DAY));
        assertThat(l.tryAcquire(SMALL, Instant.parse("2026-12-01T00:00:00Z"))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void saysADailyTokenLimitIsExhaustedCountingSettledUsage() {
        QuotaLedger l = ledger(new Limits(null, null, null, null, null, 1000L));
        QuotaLedger.Ticket t = grant(l, new Reservation(400, 500), T0);
        l.settle(t, Usage.of(400, 0, 0, 100));
        assertThat(l.tryAcquire(new Reservation(400, 100), T0)).isInstanceOf(Admission.Granted.class);
        assertThat(l.tryAcquire(new Reservation(400, 100), T0)).isInstanceOf(Admission.Exhausted.class);
    }

    @Test
    void pausesEveryCallUntilTheProvidersRetryAfter() {
        QuotaLedger l = ledger(rpm(100));
        l.pauseUntil(T0.plusSeconds(20));
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(5))).isEqualTo(new Admission.Wait(Duration.ofSeconds(15), null));
        assertThat(l.pausedUntil(T0.plusSeconds(5))).contains(T0.plusSeconds(20));
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(20))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void takesItsShareOfTheAccountLimitAmongTheLanesLiveMembers() {
        QuotaLedger l = ledger(new Limits(600, 400_000L, 40_000L, 32, null, null));
        l.setMembers(3, T0);
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(200);
        assertThat(l.limit(Dimension.INPUT_TOKENS_PER_MINUTE)).isEqualTo(133_333);
        assertThat(l.limit(Dimension.OUTPUT_TOKENS_PER_MINUTE)).isEqualTo(13_333);
        assertThat(l.limit(Dimension.CONCURRENT_REQUESTS)).isEqualTo(10);
        assertThat(l.limit(Dimension.REQUESTS_PER_DAY)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void takesALargerShareOnlyAWholeWindowAfterAMemberLeft() {
        // Given three members, then one leaves
        QuotaLedger l = ledger(rpm(600));
        l.setMembers(3, T0);
        l.setMembers(2, T0.plusSeconds(5));
        // Then the share stays a third until the departed member's calls have left the window
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(200);
        l.setMembers(2, T0.plusSeconds(60));
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(300);
        // And a newcomer shrinks the share at once
        l.setMembers(4, T0.plusSeconds(61));
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(150);
    }

    @Test
    void believesTheProvidersHeadersWhenTheyReportALowerLimitThanConfigured() {
        // Given a configured 1,200 RPM where the provider's headers say 600
        QuotaLedger l = ledger(rpm(1200));
        l.observe(
                new RateLimitSnapshot(new RateLimitSnapshot.Window(600L, 599L, T0.plusMillis(100)), null, null, null),
                T0);
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(600);
        // And a higher reported limit does not override a deliberately low configuration
        l.observe(new RateLimitSnapshot(new RateLimitSnapshot.Window(5000L, 4999L, null), null, null, null), T0);
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(1200);
    }

    @Test
    void blocksADimensionTheHeadersSayIsEmptyUntilItResets() {
        QuotaLedger l = ledger(Limits.UNLIMITED);
        l.observe(
                new RateLimitSnapshot(null, new RateLimitSnapshot.Window(150_000L, 0L, T0.plusSeconds(6)), null, null),
                T0);
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(1)))
                .isEqualTo(new Admission.Wait(Duration.ofSeconds(5), Dimension.TOKENS_PER_MINUTE));
        assertThat(l.tryAcquire(SMALL, T0.plusSeconds(6))).isInstanceOf(Admission.Granted.class);
    }

    @Test
    void learnsALimitNobodyConfiguredFromTheRateThatDrewA429() {
        // Given no configured limit and 8 calls sent this minute
        QuotaLedger l = ledger(Limits.UNLIMITED);
        for (int i = 0; i < 8; i++) {
            l.settle(grant(l, SMALL, T0.plusSeconds(i)), Usage.of(1, 0, 0, 1));
        }
        // When the provider says 429
        l.onRateLimited(T0.plusSeconds(8));
        // Then the local limit is half of that rate
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(4);
    }

    @Test
    void growsALearntLimitByOneEachTimeItWasUsedUp() {
        QuotaLedger l = ledger(Limits.UNLIMITED);
        for (int i = 0; i < 4; i++) {
            l.settle(grant(l, SMALL, T0), Usage.of(1, 0, 0, 1));
        }
        l.onRateLimited(T0);
        for (int i = 0; i < 4; i++) {
            l.onSuccess();
        }
        // learnt 4 → 5 after four successes; the AIMD halving (500‰ + 4‰) still applies
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(2);
        for (int i = 0; i < 1000; i++) {
            l.onSuccess();
        }
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isGreaterThan(40);
    }

    @Test
    void halvesItsAllowanceOnA429AndGrowsItBackSlowly() {
        QuotaLedger l = ledger(rpm(100));
        l.onRateLimited(T0);
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(50);
        for (int i = 0; i < 100; i++) {
            l.onSuccess();
        }
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(60);
    }

    @Test
    void aConcurrencyRefusalThatNamesTheLimitSetsTheAccountsConcurrencyAndShrinksNothingElse() {
        // Given three replicas configured for 64 concurrent calls and 1200 RPM, twice what the account allows
        QuotaLedger l = ledger(new Limits(1200, null, null, 64, null, null));
        l.setMembers(3, T0);
        // When the provider refuses a call "on concurrent requests: Limit 32"
        l.onConcurrencyLimited(T0, java.util.OptionalLong.of(32));
        // Then this replica takes a third of 32, while its requests per minute keep their full share
        assertThat(l.limit(Dimension.CONCURRENT_REQUESTS)).isEqualTo(10);
        assertThat(l.accountLimit(Dimension.CONCURRENT_REQUESTS)).isEqualTo(32);
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(400);
    }

    @Test
    void aConcurrencyRefusalWithoutTheLimitHalvesTheAllowanceAsAny429Does() {
        // Given 600 RPM and 30 concurrent calls on one replica
        QuotaLedger l = ledger(new Limits(600, null, null, 30, null, null));
        // When the provider refuses a call on concurrency without naming its limit
        l.onConcurrencyLimited(T0, java.util.OptionalLong.empty());
        // Then AIMD halves every per-minute limit and the concurrency
        assertThat(l.limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(300);
        assertThat(l.limit(Dimension.CONCURRENT_REQUESTS)).isEqualTo(15);
    }
}
