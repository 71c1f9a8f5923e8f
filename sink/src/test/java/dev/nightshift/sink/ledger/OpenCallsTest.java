package dev.nightshift.sink.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's index of open calls follows each attempt's calls: opened, widened by a continuation, settled. */
class OpenCallsTest {
    private static CallStarted call(String job, String callId, String bound) {
        return new CallStarted(
                "r-1",
                job,
                1,
                1,
                callId,
                "gemini",
                "gemini-1.5-flash",
                Instant.parse("2026-12-01T00:00:00Z"),
                1_000,
                500,
                Money.usd(bound),
                true);
    }

    @Test
    void anAttemptsChangeReplacesOnlyItsOwnCalls() {
        CallStarted a = call("a", "a-1", "0.001");
        CallStarted b = call("b", "b-1", "0.002");
        OpenCalls both = OpenCalls.NONE.changed(List.of(), List.of(a)).changed(List.of(), List.of(b));

        CallStarted widened = call("a", "a-1", "0.003");
        OpenCalls continued = both.changed(List.of(a), List.of(widened));
        OpenCalls settled = continued.changed(List.of(widened), List.of());

        assertThat(both.calls()).containsExactly(a, b);
        assertThat(continued.calls()).containsExactlyInAnyOrder(widened, b);
        assertThat(settled.calls()).containsExactly(b);
    }
}
