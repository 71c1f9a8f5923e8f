package dev.nightshift.core.config;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Whether and how a provider's batch API may be used: the overnight lane. A run with a deadline sends the jobs that can
 * wait to the batch lane of a provider that allows it; every call there is billed at {@code priceFactor} times the
 * model's synchronous price (the providers' batch discount: OpenAI, Anthropic and Gemini charge half).
 *
 * @param enabled                   may runs with a deadline use this provider's batch API
 * @param priceFactor               the batch price as a fraction of the synchronous one, an exact decimal in (0, 1]
 * @param expectedTurnaroundMinutes how long a batch is expected to take before any has been seen to finish (the router
 *                                  learns the provider's real turnaround from the batches that end)
 * @param maxRequests               requests per batch, at most the protocol's limit
 * @param maxBytes                  bytes of requests per batch, at most the protocol's limit
 * @param maxWaitSeconds            how long the worker collects requests before it submits a batch that is not full
 */
public record BatchConfig(
        boolean enabled,
        BigDecimal priceFactor,
        Integer expectedTurnaroundMinutes,
        Integer maxRequests,
        Long maxBytes,
        Integer maxWaitSeconds) {
    /** The providers' batch discount: half the synchronous price. Declared before {@link #OFF}, which uses it. */
    public static final BigDecimal HALF = new BigDecimal("0.5");

    /** Batch off: every call synchronous. */
    public static final BatchConfig OFF = new BatchConfig(false, null, null, null, null, null);

    public BatchConfig {
        priceFactor = priceFactor == null ? HALF : priceFactor;
        if (priceFactor.signum() <= 0 || priceFactor.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "batch.priceFactor must be more than 0 and at most 1 (e.g. \"0.5\" for half price), got "
                            + priceFactor.toPlainString());
        }
        expectedTurnaroundMinutes = expectedTurnaroundMinutes == null ? 60 : expectedTurnaroundMinutes;
        maxWaitSeconds = maxWaitSeconds == null ? 60 : maxWaitSeconds;
        positive("batch.expectedTurnaroundMinutes", expectedTurnaroundMinutes);
        positive("batch.maxWaitSeconds", maxWaitSeconds);
        if (maxRequests != null) {
            positive("batch.maxRequests", maxRequests);
        }
        if (maxBytes != null) {
            positive("batch.maxBytes", maxBytes);
        }
    }

    /** Requests in one batch: the configured count within the protocol's limit. */
    public int maxRequests(Protocol protocol) {
        int limit = BatchLimits.of(protocol).maxRequests();
        return maxRequests == null ? limit : Math.min(maxRequests, limit);
    }

    /** Bytes of requests in one batch: the configured size within the protocol's limit. */
    public long maxBytes(Protocol protocol) {
        long limit = BatchLimits.of(protocol).maxBytes();
        return maxBytes == null ? limit : Math.min(maxBytes, limit);
    }

    public Duration expectedTurnaround() {
        return Duration.ofMinutes(expectedTurnaroundMinutes);
    }

    public Duration maxWait() {
        return Duration.ofSeconds(maxWaitSeconds);
    }

    /** The batch price of a model whose synchronous price is {@code standard}: every bucket times the factor. */
    public Price price(Price standard) {
        return new Price(
                scaled(standard.input()),
                scaled(standard.cacheRead()),
                scaled(standard.cacheWrite()),
                scaled(standard.output()));
    }

    private Money scaled(Money rate) {
        return rate.times(priceFactor);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, got " + value);
        }
    }

    /**
     * What each protocol's batch API accepts in one batch: OpenAI 50,000 requests in a file of at most 200 MB;
     * Anthropic 100,000 requests or 256 MB; Gemini's inline requests under 20 MB (larger ones go by file upload, which
     * this lane does not use).
     */
    public record BatchLimits(int maxRequests, long maxBytes) {
        private static final long MB = 1024L * 1024L;

        public static BatchLimits of(Protocol protocol) {
            return switch (protocol) {
                case OPENAI -> new BatchLimits(50_000, 200 * MB);
                case ANTHROPIC -> new BatchLimits(100_000, 256 * MB);
                case GEMINI -> new BatchLimits(50_000, 20 * MB - 1);
            };
        }
    }
}
