package dev.nightshift.simulator.cache;

/**
 * A provider's prompt cache. OpenAI-compatible and Gemini providers cache implicitly (any repeated prefix
 * of at least {@code minPrefixTokens}); Anthropic caches only the prefix a request marks with
 * {@code cache_control}, writing it the first time and reading it after.
 *
 * @param ttlSeconds how long an unused prefix stays cached (5 minutes, as Anthropic's default and OpenAI's)
 */
public record PromptCaching(boolean enabled, long minPrefixTokens, long ttlSeconds) {
    public static final PromptCaching DEFAULT = new PromptCaching(true, 1024, 300);
    public static final PromptCaching OFF = new PromptCaching(false, 1024, 300);

    public PromptCaching {
        if (minPrefixTokens < 0) {
            throw new IllegalArgumentException("cache.minPrefixTokens must be >= 0");
        }
        if (ttlSeconds <= 0) {
            ttlSeconds = 300;
        }
    }
}
