package dev.nightshift.worker.provider.http;

import java.util.regex.Pattern;

/**
 * Makes a provider's error message safe for logs and the ledger: providers echo partial keys ("Incorrect
 * API key provided: sk-abc***xyz") and sometimes pieces of the request, so key-like tokens are masked and
 * the text is cut short.
 */
public final class ErrorText {
    private static final int MAX = 300;
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i)\\b(sk-[A-Za-z0-9*_\\-]{4,}|sk_[A-Za-z0-9*_\\-]{4,}|AIza[A-Za-z0-9_\\-]{8,}|key[-_][A-Za-z0-9*_\\-]{8,})");

    private ErrorText() {}

    public static String sanitize(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String masked = KEY_LIKE.matcher(message.replaceAll("\\s+", " ").trim()).replaceAll("[redacted]");
        return masked.length() <= MAX ? masked : masked.substring(0, MAX) + "…";
    }
}
