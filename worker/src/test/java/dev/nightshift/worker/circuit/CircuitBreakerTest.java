package dev.nightshift.worker.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.worker.circuit.CircuitBreaker.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), Duration.ofMinutes(2));

    private void fail(int times, Instant now) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure(now);
        }
    }

    @Test
    void staysClosedBelowTheThresholdAndASuccessResetsTheCount() {
        fail(2, T0);
        breaker.onSuccess();
        fail(2, T0);
        assertThat(breaker.state()).isEqualTo(new CircuitState.Closed(2));
        assertThat(breaker.peek(T0)).isEqualTo(Verdict.PASS);
    }

    @Test
    void opensAfterSustainedFailureAndRejectsUntilTheOpenPeriodEnds() {
        fail(3, T0);
        assertThat(breaker.state()).isEqualTo(new CircuitState.Open(T0.plusSeconds(30), Duration.ofSeconds(30)));
        assertThat(breaker.peek(T0.plusSeconds(29))).isEqualTo(Verdict.REJECT);
        assertThat(breaker.peek(T0.plusSeconds(30))).isEqualTo(Verdict.PROBE);
    }

    @Test
    void letsOneProbeThroughWhenHalfOpenAndHoldsTheRest() {
        fail(3, T0);
        breaker.onSend(T0.plusSeconds(30));
        assertThat(breaker.state()).isEqualTo(new CircuitState.HalfOpen(true, Duration.ofSeconds(30)));
        assertThat(breaker.peek(T0.plusSeconds(31))).isEqualTo(Verdict.HOLD);
    }

    @Test
    void closesWhenTheProbeSucceeds() {
        fail(3, T0);
        breaker.onSend(T0.plusSeconds(30));
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(new CircuitState.Closed(0));
    }

    @Test
    void closesWhenTheProbeDrawsAnAnswerThatIsNoSignOfIllHealth() {
        fail(3, T0);
        breaker.onSend(T0.plusSeconds(30));
        breaker.onNeutral();
        assertThat(breaker.peek(T0.plusSeconds(30))).isEqualTo(Verdict.PASS);
    }

    @Test
    void reopensForTwiceAsLongWhenTheProbeFailsUpToTheMaximum() {
        fail(3, T0);
        breaker.onSend(T0.plusSeconds(30));
        breaker.onFailure(T0.plusSeconds(31));
        assertThat(breaker.state()).isEqualTo(new CircuitState.Open(T0.plusSeconds(91), Duration.ofSeconds(60)));
        breaker.onSend(T0.plusSeconds(91));
        breaker.onFailure(T0.plusSeconds(92));
        breaker.onSend(T0.plusSeconds(212));
        breaker.onFailure(T0.plusSeconds(213));
        assertThat(breaker.state()).isEqualTo(new CircuitState.Open(T0.plusSeconds(333), Duration.ofMinutes(2)));
    }

    @Test
    void refusesToSendThroughAnOpenCircuit() {
        fail(3, T0);
        assertThatThrownBy(() -> breaker.onSend(T0.plusSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
}
