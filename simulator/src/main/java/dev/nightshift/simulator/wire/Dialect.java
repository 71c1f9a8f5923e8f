package dev.nightshift.simulator.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Provider quirks within one protocol. DeepSeek speaks OpenAI's protocol but reports
 * {@code prompt_cache_hit_tokens}/{@code prompt_cache_miss_tokens}, sends no rate-limit headers, and
 * answers 402 "Insufficient Balance" and 503 "Server Overloaded". OpenRouter's errors have numeric codes.
 */
public enum Dialect {
    STANDARD,
    DEEPSEEK,
    /** OpenRouter: errors carry a numeric {@code code} (the HTTP status) and no {@code type}. */
    OPENROUTER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Dialect parse(String value) {
        for (Dialect d : values()) {
            if (d.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dialect '" + value + "'; use standard, deepseek or openrouter");
    }

    /** DeepSeek's quirks for a provider whose id names it, standard for the rest. */
    public static Dialect forProvider(String providerId) {
        if (providerId.contains("deepseek")) {
            return DEEPSEEK;
        }
        return providerId.contains("openrouter") ? OPENROUTER : STANDARD;
    }
}
