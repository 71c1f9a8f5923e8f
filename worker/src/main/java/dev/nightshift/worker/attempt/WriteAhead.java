package dev.nightshift.worker.attempt;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.worker.provider.CallRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The record a call is written ahead with ({@link CallStarted}) and the most it can cost. No tokenizer is exact for
 * every provider, so the input bound counts bytes: every token of a byte-level tokenizer is at least one byte of the
 * UTF-8 text, and each message adds a few framing tokens. The bound is loose (about four bytes make a token of code or
 * English) but never short, which is what a bound on an unknown bill must be.
 */
public final class WriteAhead {
    /** Framing tokens (roles, separators, the tool's own template) allowed for on top of the text. */
    static final long FRAMING_TOKENS = 64;

    private WriteAhead() {}

    /**
     * @param spentBefore what earlier calls of the same attempt cost (the reply so far, for a continuation)
     */
    static CallStarted of(
            LaneRequest request,
            int deliveryCount,
            String callId,
            CallRequest call,
            Price price,
            Money spentBefore,
            boolean simulated,
            Instant now) {
        return of(request, deliveryCount, callId, call, price, spentBefore, simulated, now, ServiceTier.STANDARD);
    }

    /**
     * @param price the price of the tier the call is made on (a batch item's is the batch price)
     * @param tier  the tier the call is made on: a batch item's call stays open while its batch runs
     */
    public static CallStarted of(
            LaneRequest request,
            int deliveryCount,
            String callId,
            CallRequest call,
            Price price,
            Money spentBefore,
            boolean simulated,
            Instant now,
            ServiceTier tier) {
        Job job = request.job();
        long inputBound = inputTokenBound(call);
        Money bound = spentBefore.plus(price.worstCase(inputBound, call.maxTokens()));
        return new CallStarted(
                job.runId(),
                job.jobId(),
                request.attempt(),
                deliveryCount,
                callId,
                request.model().provider(),
                request.model().model(),
                now,
                inputBound,
                call.maxTokens(),
                bound,
                simulated,
                tier,
                null);
    }

    static long inputTokenBound(CallRequest call) {
        long bytes = utf8Bytes(call.prompt().system()) + utf8Bytes(call.prompt().user());
        if (call.continuation() != null) {
            bytes += utf8Bytes(call.continuation()) + utf8Bytes(CallRequest.CONTINUE);
        }
        return bytes + FRAMING_TOKENS;
    }

    private static long utf8Bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
