package dev.nightshift.simulator.limit;

import dev.nightshift.core.config.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Enforces one provider account's limits: requests per minute, input tokens per minute, output tokens per
 * minute (reserved from {@code max_tokens} at the start and settled against the real output, as Anthropic
 * does), and concurrent requests. Requests/tokens per day are not enforced. Not thread-safe: it lives on
 * the simulator's event loop.
 */
public final class RateLimiter {
    private final InstantSource clock;
    private final TokenBucket requests;
    private final TokenBucket inputTokens;
    private final TokenBucket outputTokens;
    private final Integer maxConcurrent;
    private final LimitLog log;
    private int inFlight;

    public RateLimiter(Limits limits, InstantSource clock) {
        this(limits, clock, new LimitLog());
    }

    /** @param log told of every admission and refusal (kept across limiters when the limits change) */
    public RateLimiter(Limits limits, InstantSource clock, LimitLog log) {
        this.clock = clock;
        this.log = log;
        Instant now = clock.instant();
        this.requests = limits.requestsPerMinute() == null ? null : new TokenBucket(limits.requestsPerMinute(), now);
        this.inputTokens =
                limits.inputTokensPerMinute() == null ? null : new TokenBucket(limits.inputTokensPerMinute(), now);
        this.outputTokens =
                limits.outputTokensPerMinute() == null ? null : new TokenBucket(limits.outputTokensPerMinute(), now);
        this.maxConcurrent = limits.concurrentRequests();
    }

    public Admission admit(long input, long reservedOutput) {
        Instant now = clock.instant();
        Admission admission = decide(now, input, reservedOutput);
        if (admission instanceof Admission.Refused refused) {
            log.refused(refused.scope());
        } else {
            log.admitted(now, input, reservedOutput);
        }
        return admission;
    }

    private Admission decide(Instant now, long input, long reservedOutput) {
        refill(now);
        if (maxConcurrent != null && inFlight >= maxConcurrent) {
            return new Admission.Refused(LimitScope.CONCURRENCY, maxConcurrent, inFlight, 1, Duration.ofSeconds(1));
        }
        if (requests != null && !requests.has(1)) {
            return refused(LimitScope.REQUESTS, requests, 1);
        }
        if (inputTokens != null && !inputTokens.has(input)) {
            return refused(LimitScope.INPUT_TOKENS, inputTokens, input);
        }
        if (outputTokens != null && !outputTokens.has(reservedOutput)) {
            return refused(LimitScope.OUTPUT_TOKENS, outputTokens, reservedOutput);
        }
        if (requests != null) {
            requests.take(1);
        }
        if (inputTokens != null) {
            inputTokens.take(input);
        }
        if (outputTokens != null) {
            outputTokens.take(reservedOutput);
        }
        inFlight++;
        return new Admission.Admitted(reservedOutput);
    }

    /** The call ended having produced {@code actualOutput} tokens; gives back the unused reservation. */
    public void settle(Admission.Admitted ticket, long actualOutput) {
        inFlight = Math.max(0, inFlight - 1);
        if (outputTokens != null) {
            long unused = ticket.reservedOutput() - actualOutput;
            if (unused > 0) {
                outputTokens.giveBack(unused);
            } else {
                outputTokens.take(-unused);
            }
        }
    }

    public LimitLog log() {
        return log;
    }

    public int inFlight() {
        return inFlight;
    }

    public RateLimitSnapshot snapshot() {
        Instant now = clock.instant();
        refill(now);
        return new RateLimitSnapshot(now, dimension(requests), dimension(inputTokens), dimension(outputTokens));
    }

    private void refill(Instant now) {
        for (TokenBucket b : new TokenBucket[] {requests, inputTokens, outputTokens}) {
            if (b != null) {
                b.refill(now);
            }
        }
    }

    private static Admission.Refused refused(LimitScope scope, TokenBucket bucket, long requested) {
        Duration wait = bucket.waitFor(requested);
        return new Admission.Refused(
                scope, bucket.capacity(), bucket.used(), requested, wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    private static RateLimitSnapshot.Dimension dimension(TokenBucket b) {
        return b == null
                ? RateLimitSnapshot.Dimension.UNLIMITED
                : new RateLimitSnapshot.Dimension(b.capacity(), b.remaining(), b.untilFull());
    }
}
