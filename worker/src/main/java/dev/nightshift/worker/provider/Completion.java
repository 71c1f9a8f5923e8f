package dev.nightshift.worker.provider;

import dev.nightshift.core.usage.Usage;
import java.util.Objects;

/**
 * A provider's answer.
 *
 * @param text         the reply text, empty (never null) when the model produced none
 * @param usage        billed tokens normalised to the four buckets (reference/providers.md §0)
 * @param finishReason the provider's own finish reason ({@code stop}, {@code end_turn}, {@code STOP}, …), or null
 * @param rateLimits   the rate-limit headers that came with the answer
 */
public record Completion(String text, Usage usage, String finishReason, RateLimitSnapshot rateLimits) {
    public Completion {
        text = text == null ? "" : text;
        usage = usage == null ? Usage.NOT_REPORTED : usage;
        rateLimits = rateLimits == null ? RateLimitSnapshot.NONE : rateLimits;
    }
}
