package dev.nightshift.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.circuit.CircuitBreaker;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import dev.nightshift.worker.quota.AimdScale;
import dev.nightshift.worker.quota.Dimension;
import dev.nightshift.worker.quota.QuotaLedger;
import dev.nightshift.worker.retry.Backoff;
import dev.nightshift.worker.support.MutableClock;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's decisions on a fake clock; its timers never need to fire for these. */
class ProviderGateTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final MutableClock clock = new MutableClock(T0);

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private ProviderGate gate(Limits limits, CircuitBreaker circuit) {
        return new ProviderGate(
                vertx,
                "p",
                new QuotaLedger(limits, new AimdScale(50, Duration.ofSeconds(2))),
                circuit,
                clock,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    private Future<CallGate.Permit> admit(ProviderGate gate, String unit) {
        return onContext(() -> gate.admit(context, TestJobs.lane("p", TestJobs.job("run", unit, TaskType.DOCS))));
    }

    private <T> T onContext(java.util.concurrent.Callable<T> action) {
        return Future.<T>future(p -> context.runOnContext(v -> {
                    try {
                        p.complete(action.call());
                    } catch (Exception e) {
                        p.fail(e);
                    }
                }))
                .await();
    }

    private void run(Runnable r) {
        onContext(() -> {
            r.run();
            return null;
        });
    }

    @Test
    void aRateLimitPausesTheWholeLaneForTheProvidersRetryAfter() {
        // Given a call that was let through
        ProviderGate gate = gate(
                new Limits(100, null, null, null, null, null),
                new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        CallGate.Permit first = admit(gate, "a").await();
        // When the provider answers 429 asking for 20 s
        run(() -> first.failed(
                new ProviderCallException(
                        new ProviderFailure.RateLimited(Duration.ofSeconds(20), ProviderFailure.Scope.REQUESTS, "429")),
                10));
        // Then the next job waits: the lane is paused until then, and the allowance is halved
        Future<CallGate.Permit> second = admit(gate, "b");
        assertThat(second.isComplete()).isFalse();
        assertThat(gate.ledger().pausedUntil(T0)).contains(T0.plusSeconds(20));
        assertThat(gate.ledger().limit(Dimension.REQUESTS_PER_MINUTE)).isEqualTo(50);
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.rateLimited()).isEqualTo(1);
    }

    @Test
    void aRateLimitWithoutAHintPausesForAnEscalatingWhile() {
        ProviderGate gate = gate(
                new Limits(100, null, null, null, null, null),
                new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        for (int i = 1; i <= 3; i++) {
            CallGate.Permit p = admit(gate, "u" + i).await();
            run(() -> p.failed(
                    new ProviderCallException(
                            new ProviderFailure.RateLimited(null, ProviderFailure.Scope.UNKNOWN, "429")),
                    1));
            clock.advance(gate.ledger()
                    .pausedUntil(clock.instant())
                    .map(u -> Duration.between(clock.instant(), u))
                    .orElse(Duration.ZERO));
        }
        // 1 s + 2 s + 4 s
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void anOpenCircuitRefusesCallsAtOnceSoThatTheirJobsFailOver() {
        // Given a circuit that opens after two overloads
        ProviderGate gate =
                gate(Limits.UNLIMITED, new CircuitBreaker(2, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        for (String unit : new String[] {"a", "b"}) {
            CallGate.Permit p = admit(gate, unit).await();
            run(() -> p.failed(new ProviderCallException(new ProviderFailure.Overloaded(null, "529")), 5));
        }
        // When another job asks
        CallGate.Permit refused = admit(gate, "c").await();
        // Then it is refused as overloaded without a call
        assertThat(gate.circuit().state().circuit()).isEqualTo(ProviderHealth.Circuit.OPEN);
        assertThat(refused.failFast()).map(ProviderFailure::failureClass).contains(FailureClass.OVERLOADED);
        assertThat(gate.calls()).isEqualTo(2);
    }

    @Test
    void aSuccessfulProbeClosesTheCircuitAgain() {
        ProviderGate gate =
                gate(Limits.UNLIMITED, new CircuitBreaker(1, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        CallGate.Permit p = admit(gate, "a").await();
        run(() -> p.failed(new ProviderCallException(new ProviderFailure.Transient(null, "reset")), 5));
        clock.advance(Duration.ofSeconds(30));
        CallGate.Permit probe = admit(gate, "b").await();
        assertThat(probe.failFast()).isEmpty();
        assertThat(gate.circuit().state().circuit()).isEqualTo(ProviderHealth.Circuit.HALF_OPEN);
        run(() -> probe.succeeded(new Completion("ok", Usage.of(1, 0, 0, 1), "stop", RateLimitSnapshot.NONE), 5));
        assertThat(gate.circuit().state().circuit()).isEqualTo(ProviderHealth.Circuit.CLOSED);
    }

    @Test
    void aUsedUpDailyLimitRefusesCallsAsQuotaExhausted() {
        ProviderGate gate = gate(
                new Limits(null, null, null, null, 1, null),
                new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        CallGate.Permit first = admit(gate, "a").await();
        run(() -> first.succeeded(new Completion("ok", Usage.of(1, 0, 0, 1), "stop", RateLimitSnapshot.NONE), 5));
        CallGate.Permit second = admit(gate, "b").await();
        assertThat(second.failFast()).map(ProviderFailure::failureClass).contains(FailureClass.QUOTA_EXHAUSTED);
    }

    @Test
    void callsWaitingForConcurrencyGoInArrivalOrderWhenASlotFrees() {
        ProviderGate gate = gate(
                new Limits(null, null, null, 1, null, null),
                new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        CallGate.Permit first = admit(gate, "a").await();
        Future<CallGate.Permit> second = admit(gate, "b");
        Future<CallGate.Permit> third = admit(gate, "c");
        assertThat(second.isComplete()).isFalse();
        run(() -> first.succeeded(new Completion("ok", Usage.of(1, 0, 0, 1), "stop", RateLimitSnapshot.NONE), 5));
        assertThat(second.await().failFast()).isEmpty();
        assertThat(third.isComplete()).isFalse();
    }
}
