package dev.nightshift.simulator.fault;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What can go wrong with one call. Each protocol renders an error fault in its provider's real shape
 * (status, body, headers); delivery faults change how an otherwise good reply travels.
 */
public enum Fault {
    /** 500: OpenAI {@code server_error}, Anthropic {@code api_error}, Gemini {@code INTERNAL}. */
    SERVER_ERROR,
    /** 503: OpenAI/DeepSeek "Server Overloaded", Gemini {@code UNAVAILABLE}. */
    UNAVAILABLE,
    /** Anthropic 529 {@code overloaded_error}; 503 on the other protocols. */
    OVERLOADED,
    /** 429 in the provider's shape with its retry hints (Gemini: {@code RESOURCE_EXHAUSTED} with {@code RetryInfo}). */
    RATE_LIMITED,
    /** Not retryable: OpenAI 429 {@code insufficient_quota}, DeepSeek 402, Anthropic 402 {@code billing_error}, Gemini per-day quota. */
    INSUFFICIENT_QUOTA,
    /** 400 invalid request (the poison-job fault). */
    BAD_REQUEST,
    /** 400: the prompt does not fit the model's context window. */
    CONTEXT_TOO_LONG,
    /** 401 as if the key were wrong. */
    UNAUTHORIZED,
    /** 200, but the model refused: {@code content_filter} / {@code refusal} / {@code SAFETY}. */
    CONTENT_FILTERED,
    /**
     * 200 with no text, stopped at the output limit: a reasoning model spent its whole budget thinking
     * (OpenAI/DeepSeek {@code finish_reason: length} with only reasoning tokens, Gemini {@code MAX_TOKENS} with
     * only thought tokens, Anthropic {@code max_tokens}). Useless to the client, yet billed like any reply: the
     * input and the whole output budget ({@code max_tokens}, else what the reply would have used).
     */
    EMPTY_AT_LENGTH,
    /** 200 then blank lines for {@code delayMs} (DeepSeek under load), then the JSON reply. */
    KEEPALIVE_THEN_JSON,
    /** 200 then blank lines for {@code delayMs}, then the body ends with no JSON at all. */
    KEEPALIVE_THEN_CLOSE,
    /** The connection closes before any response. */
    DISCONNECT,
    /** 200 with a body that is not JSON. */
    MALFORMED_JSON,
    /** 200 with the reply cut in half (complete HTTP message, broken JSON). */
    TRUNCATED_JSON,
    /** The reply, after {@code delayMs} with nothing sent. */
    SLOW_FIRST_BYTE,
    /** A good reply whose body is over 1 MB. */
    LARGE_BODY,
    /**
     * Streams: half the events, then the provider's error event (OpenAI {@code data: {"error":…}}, Anthropic
     * {@code event: error} overloaded, Gemini an UNAVAILABLE status) after the 200. Not streaming: a 500.
     */
    MID_STREAM_ERROR;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts {@code server-error}, {@code SERVER_ERROR}, and {@code resource-exhausted} for {@link #RATE_LIMITED}. */
    @JsonCreator
    public static Fault parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (v.equals("resource-exhausted") || v.equals("rate-limit") || v.equals("429")) {
            return RATE_LIMITED;
        }
        if (v.equals("quota-exhausted") || v.equals("insufficient-balance")) {
            return INSUFFICIENT_QUOTA;
        }
        for (Fault f : values()) {
            if (f.id().equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + value + "'; use one of: "
                + Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", ")));
    }

    /** True for faults answered with an error status instead of a reply. */
    public boolean isError() {
        return switch (this) {
            case SERVER_ERROR,
                    UNAVAILABLE,
                    OVERLOADED,
                    RATE_LIMITED,
                    INSUFFICIENT_QUOTA,
                    BAD_REQUEST,
                    CONTEXT_TOO_LONG,
                    UNAUTHORIZED -> true;
            default -> false;
        };
    }
}
