package dev.nightshift.worker.provider;

import java.time.Instant;

/**
 * What a provider's rate-limit headers said about the account at one moment (OpenAI {@code x-ratelimit-*},
 * Anthropic {@code anthropic-ratelimit-*}). Every window may be null: most providers send none.
 *
 * @param tokens combined tokens (OpenAI's only token window; Anthropic's most restrictive one)
 */
public record RateLimitSnapshot(Window requests, Window tokens, Window inputTokens, Window outputTokens) {
    public static final RateLimitSnapshot NONE = new RateLimitSnapshot(null, null, null, null);

    public boolean isEmpty() {
        return requests == null && tokens == null && inputTokens == null && outputTokens == null;
    }

    /**
     * One limit window.
     *
     * @param limit     what the account may use per window, or null
     * @param remaining what is left, or null
     * @param resetAt   when the window is full again, or null
     */
    public record Window(Long limit, Long remaining, Instant resetAt) {
        public boolean isEmpty() {
            return limit == null && remaining == null && resetAt == null;
        }
    }
}
