package dev.nightshift.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.worker.prompt.Prompt;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.support.TestJobs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteAheadTest {
    private static final Price PRICE = Price.of("1", "2");
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void theInputBoundCountsEveryUtf8ByteOfThePromptPlusFramingSoNoTokenizerCanExceedIt() {
        Prompt prompt = new Prompt("Write documentation.", "Größe: 大きさ");
        CallRequest call = new CallRequest("m", prompt, 500);

        int bytes = "Write documentation.".getBytes(StandardCharsets.UTF_8).length
                + "Größe: 大きさ".getBytes(StandardCharsets.UTF_8).length;
        assertThat(WriteAhead.inputTokenBound(call)).isEqualTo(bytes + WriteAhead.FRAMING_TOKENS);
        assertThat(WriteAhead.inputTokenBound(call)).isGreaterThan(("Write documentation." + "Größe: 大きさ").length());
    }

    @Test
    void aCallIsWrittenAheadUnderItsAttemptAndDeliveryWithTheMostItCanCost() {
        LaneRequest request = TestJobs.lane("gemini", TestJobs.job("r1", "src/A.java", TaskType.DOCS));
        CallRequest call = new CallRequest("m", new Prompt("s", "u"), 1_000);

        CallStarted started = WriteAhead.of(request, 3, "c-1", call, PRICE, Money.ZERO, true, NOW);

        assertThat(started.attempt()).isEqualTo(request.attempt());
        assertThat(started.delivery()).isEqualTo(3);
        assertThat(started.callId()).isEqualTo("c-1");
        assertThat(started.inputTokenBound()).isEqualTo(2 + WriteAhead.FRAMING_TOKENS);
        // (66 input × $1 + 1000 output × $2) per million
        assertThat(started.costBound()).isEqualTo(Money.usd("0.002066"));
    }

    @Test
    void aContinuationsBoundAddsTheReplySoFarToItsInputAndWhatTheAttemptAlreadyCost() {
        LaneRequest request = TestJobs.lane("gemini", TestJobs.job("r1", "src/A.java", TaskType.DOCS));
        CallRequest first = new CallRequest("m", new Prompt("s", "u"), 1_000);
        CallRequest next = first.continuing("x".repeat(100));

        CallStarted started = WriteAhead.of(request, 1, "c-1", next, PRICE, Money.usd("0.5"), true, NOW);

        assertThat(started.inputTokenBound())
                .isEqualTo(WriteAhead.inputTokenBound(first)
                        + 100
                        + CallRequest.CONTINUE.getBytes(StandardCharsets.UTF_8).length);
        assertThat(started.costBound())
                .isEqualTo(Money.usd("0.5").plus(PRICE.worstCase(started.inputTokenBound(), 1_000)));
    }
}
