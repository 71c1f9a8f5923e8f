package dev.nightshift.worker.quota;

/** One limit a provider account enforces. Per-minute windows slide; per-day windows are UTC calendar days. */
public enum Dimension {
    REQUESTS_PER_MINUTE,
    INPUT_TOKENS_PER_MINUTE,
    OUTPUT_TOKENS_PER_MINUTE,
    /** Input plus output, as OpenAI's {@code x-ratelimit-*-tokens} counts; known only from headers. */
    TOKENS_PER_MINUTE,
    CONCURRENT_REQUESTS,
    REQUESTS_PER_DAY,
    TOKENS_PER_DAY;

    public boolean daily() {
        return this == REQUESTS_PER_DAY || this == TOKENS_PER_DAY;
    }
}
