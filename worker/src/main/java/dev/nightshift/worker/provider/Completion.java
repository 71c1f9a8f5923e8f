package dev.nightshift.worker.provider;

import dev.nightshift.core.usage.Usage;

/**
 * A provider's answer.
 *
 * @param text         the reply text, empty (never null) when the model produced none
 * @param usage        billed tokens normalised to the four buckets
 * @param finishReason the provider's own finish reason ({@code stop}, {@code end_turn}, {@code STOP}, …), or null
 * @param rateLimits   the rate-limit headers that came with the answer
 */
public record Completion(String text, Usage usage, String finishReason, RateLimitSnapshot rateLimits) {
    public Completion {
        text = text == null ? "" : text;
        usage = usage == null ? Usage.NOT_REPORTED : usage;
        rateLimits = rateLimits == null ? RateLimitSnapshot.NONE : rateLimits;
    }

    /**
     * Stopped at the output limit: OpenAI-compatible {@code length}, Anthropic {@code max_tokens}, Gemini
     * {@code MAX_TOKENS}.
     */
    public boolean truncated() {
        return finishReason != null
                && (finishReason.equalsIgnoreCase("length") || finishReason.equalsIgnoreCase("max_tokens"));
    }

    /** This reply continued by {@code next}, joined as the protocol joins a continuation; usage added up. */
    public Completion continuedBy(Completion next, String joined) {
        return new Completion(joined, usage.plus(next.usage), next.finishReason, next.rateLimits);
    }
}
