package dev.nightshift.simulator.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Provider quirks within one protocol. DeepSeek speaks OpenAI's protocol but reports
 * {@code prompt_cache_hit_tokens}/{@code prompt_cache_miss_tokens}, sends no rate-limit headers, and
 * answers 402 "Insufficient Balance" and 503 "Server Overloaded".
 */
public enum Dialect {
    STANDARD, DEEPSEEK;

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
        throw new IllegalArgumentException("unknown dialect '" + value + "'; use standard or deepseek");
    }

    /** DeepSeek's quirks for a provider whose id names it, standard for the rest. */
    public static Dialect forProvider(String providerId) {
        return providerId.contains("deepseek") ? DEEPSEEK : STANDARD;
    }
}
