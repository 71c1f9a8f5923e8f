package dev.nightshift.worker.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.ProviderFailure.Scope;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import dev.nightshift.worker.provider.http.ErrorText;
import dev.nightshift.worker.provider.http.HttpReply;
import dev.nightshift.worker.provider.http.JsonBodies;
import dev.nightshift.worker.provider.http.RetryHints;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads an Anthropic Messages reply: text blocks, usage whose
 * {@code input_tokens} already excludes cache reads and writes, {@code anthropic-ratelimit-*} headers with
 * RFC 3339 resets, and errors by {@code error.type} — 529 {@code overloaded_error} is capacity, not our quota.
 */
public final class AnthropicReplies {
    private AnthropicReplies() {}

    public static Completion read(HttpReply reply) {
        RateLimitSnapshot limits = rateLimits(reply);
        if (reply.status() != 200) {
            throw new ProviderCallException(
                    failure(reply.status(), JsonBodies.tryParse(reply.body()).orElse(null), reply), limits);
        }
        JsonNode root = JsonBodies.parse(reply.body());
        if ("error".equals(JsonBodies.text(root, "type"))) {
            throw new ProviderCallException(failure(500, root, reply), limits);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : root.path("content")) {
            if ("text".equals(JsonBodies.text(block, "type")) && block.hasNonNull("text")) {
                text.append(block.get("text").asText());
            }
        }
        String stop = JsonBodies.text(root, "stop_reason");
        if ("refusal".equals(stop) && text.isEmpty()) {
            throw new ProviderCallException(
                    new ProviderFailure.ContentFiltered("the model refused (stop_reason refusal)"),
                    limits,
                    usage(root.get("usage")));
        }
        return new Completion(text.toString(), usage(root.get("usage")), stop, limits);
    }

    /** The three input buckets are already disjoint; output includes thinking. */
    public static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NOT_REPORTED;
        }
        Long read = JsonBodies.count(usage, "cache_read_input_tokens");
        Long written = JsonBodies.count(usage, "cache_creation_input_tokens");
        return new Usage(
                JsonBodies.count(usage, "input_tokens"),
                read == null ? 0L : read,
                written == null ? 0L : written,
                JsonBodies.count(usage, "output_tokens"));
    }

    public static ProviderFailure failure(int status, JsonNode body, HttpReply reply) {
        JsonNode error = body == null ? null : body.get("error");
        String type = JsonBodies.text(error, "type");
        String message = JsonBodies.text(error, "message");
        String detailCode = JsonBodies.text(error == null ? null : error.get("details"), "error_code");
        String reason = "HTTP " + status + (type == null ? "" : " " + type)
                + (message == null ? "" : ": " + ErrorText.sanitize(message));
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        Duration wait =
                RetryHints.fromHeaders(reply::header, reply.receivedAt()).orElse(null);
        if ("enforced_spend_limit_reached".equals(detailCode)
                || status == 402
                || "billing_error".equals(type)
                || lower.contains("credit balance")
                || lower.contains("spend limit")) {
            return new ProviderFailure.QuotaExhausted(reason);
        }
        if (status == 529 || "overloaded_error".equals(type)) {
            return new ProviderFailure.Overloaded(wait, reason);
        }
        if (status == 429 || "rate_limit_error".equals(type)) {
            return new ProviderFailure.RateLimited(wait, scope(lower), reason);
        }
        if (status == 401 || status == 403 || "authentication_error".equals(type) || "permission_error".equals(type)) {
            return new ProviderFailure.Unauthorized(reason);
        }
        if (status == 413
                || "request_too_large".equals(type)
                || lower.contains("prompt is too long")
                || lower.contains("context window")
                || lower.contains("context length")) {
            return new ProviderFailure.ContextTooLong(reason);
        }
        if (status >= 500 || status == 408 || "api_error".equals(type) || "timeout_error".equals(type)) {
            return new ProviderFailure.Transient(wait, reason);
        }
        return new ProviderFailure.BadRequest(reason);
    }

    private static Scope scope(String message) {
        if (message.contains("output tokens")) {
            return Scope.OUTPUT_TOKENS;
        }
        if (message.contains("input tokens")) {
            return Scope.INPUT_TOKENS;
        }
        if (message.contains("tokens")) {
            return Scope.TOKENS;
        }
        return message.contains("requests") ? Scope.REQUESTS : Scope.UNKNOWN;
    }

    /** anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}. */
    public static RateLimitSnapshot rateLimits(HttpReply reply) {
        return new RateLimitSnapshot(
                window(reply, "requests"),
                window(reply, "tokens"),
                window(reply, "input-tokens"),
                window(reply, "output-tokens"));
    }

    private static RateLimitSnapshot.Window window(HttpReply reply, String what) {
        String prefix = "anthropic-ratelimit-" + what + "-";
        RateLimitSnapshot.Window w = new RateLimitSnapshot.Window(
                number(reply.header(prefix + "limit")),
                number(reply.header(prefix + "remaining")),
                RetryHints.rfc3339(reply.header(prefix + "reset")).orElse(null));
        return w.isEmpty() ? null : w;
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
