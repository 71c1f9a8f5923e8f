package dev.nightshift.worker.provider.http;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures in a 429's message. OpenAI-style messages name the limit that was hit: "Rate limit reached for
 * gpt-4o in organization org-… on tokens per min (TPM): Limit 30000, Used 29800, Requested 500." — for a
 * limit no header reports (concurrent requests) that is the only place the provider states it.
 */
public final class RateLimitMessages {
    private static final Pattern LIMIT = Pattern.compile("\\bLimit:?\\s+([0-9][0-9,]*)\\b");

    private RateLimitMessages() {}

    /** The "Limit N" figure of a rate-limit message, if it has one. */
    public static OptionalLong limit(String message) {
        if (message == null) {
            return OptionalLong.empty();
        }
        Matcher m = LIMIT.matcher(message);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1).replace(",", "")));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
