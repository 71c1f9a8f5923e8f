package dev.nightshift.core.attempt;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider call about to be made: written to {@code nightshift.results} (with the {@code nightshift-event: call-started}
 * header) and acknowledged by Kafka before the request leaves the worker. The sink keeps it open until the call's
 * attempt is booked; one still open when its run stopped is a call of unknown outcome — the provider may have answered
 * and billed it — and {@code costBound} is the most it can have cost.
 *
 * <p>A call is named by the routed attempt it belongs to and the broker's delivery count of the lane record it was made
 * on: the worker retries a call on the next delivery, and a worker that died leaves its delivery's call open while the
 * next delivery's call is booked under the same routed attempt.
 *
 * @param attempt   the routed attempt number (as the router numbered it)
 * @param delivery  the lane record's delivery count when the call was made (1, 2, …)
 * @param callId    unique to the call (its continuations share it): a resumed run's jobs are routed again from attempt
 *                  1 and delivery 1, and a call its dead predecessor left open must stay apart from theirs
 * @param costBound the request's worst case at the model's prices: every input token at the dearest input rate and
 *                  the whole output budget, plus what earlier calls of the same attempt (continuations) already cost
 * @param tier      {@link ServiceTier#BATCH} for a request submitted in a provider batch (priced at the batch price; the
 *                  call stays open while the batch runs); absent in older records: standard
 * @param expectedBy for a batch call, when its batch is expected to end (its submission plus the provider's batch
 *                  turnaround as the worker knows it); {@code null} for a synchronous call
 */
public record CallStarted(
        String runId,
        String jobId,
        int attempt,
        int delivery,
        String callId,
        String provider,
        String model,
        Instant startedAt,
        long inputTokenBound,
        int maxOutputTokens,
        Money costBound,
        boolean simulated,
        ServiceTier tier,
        Instant expectedBy) {
    /** A synchronous call. */
    public CallStarted(
            String runId,
            String jobId,
            int attempt,
            int delivery,
            String callId,
            String provider,
            String model,
            Instant startedAt,
            long inputTokenBound,
            int maxOutputTokens,
            Money costBound,
            boolean simulated) {
        this(
                runId,
                jobId,
                attempt,
                delivery,
                callId,
                provider,
                model,
                startedAt,
                inputTokenBound,
                maxOutputTokens,
                costBound,
                simulated,
                ServiceTier.STANDARD,
                null);
    }

    /** This call as made in a provider batch, submitted at its start and expected to end by {@code expected}. */
    public CallStarted inBatch(Instant expected) {
        return new CallStarted(
                runId,
                jobId,
                attempt,
                delivery,
                callId,
                provider,
                model,
                startedAt,
                inputTokenBound,
                maxOutputTokens,
                costBound,
                simulated,
                ServiceTier.BATCH,
                expected);
    }

    public CallStarted {
        tier = tier == null ? ServiceTier.STANDARD : tier;
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(costBound, "costBound");
        if (attempt < 1 || delivery < 1) {
            throw new IllegalArgumentException(
                    "attempt and delivery must be >= 1, got " + attempt + " and " + delivery);
        }
    }
}
