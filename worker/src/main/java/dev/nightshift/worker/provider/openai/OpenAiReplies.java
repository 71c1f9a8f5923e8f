package dev.nightshift.worker.provider.openai;

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
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an OpenAI-compatible reply: the completion with normalised usage, or a typed failure. Knows the
 * dialects: DeepSeek's hit/miss usage and 402, OpenRouter's numeric error codes and errors inside an
 * HTTP 200 body, Qwen's {@code Throttling.*} codes.
 */
public final class OpenAiReplies {
    private OpenAiReplies() {}

    public static Completion read(HttpReply reply) {
        RateLimitSnapshot limits = rateLimits(reply);
        if (reply.status() != 200) {
            throw new ProviderCallException(
                    failure(reply.status(), JsonBodies.tryParse(reply.body()).orElse(null), reply), limits);
        }
        JsonNode root = JsonBodies.parse(reply.body());
        if (root.hasNonNull("error") && root.get("error").isObject()) {
            // OpenRouter: once generation has started the status is 200 and the error is in the body.
            int status = root.get("error").path("code").isNumber()
                    ? root.get("error").path("code").asInt()
                    : 500;
            throw new ProviderCallException(failure(status, root, reply), limits);
        }
        JsonNode choice = root.path("choices").path(0);
        String finish = JsonBodies.text(choice, "finish_reason");
        String text = JsonBodies.text(choice.path("message"), "content");
        if ("content_filter".equals(finish) && (text == null || text.isEmpty())) {
            throw new ProviderCallException(
                    new ProviderFailure.ContentFiltered("the provider's content filter blocked the reply"),
                    limits,
                    usage(root.get("usage")));
        }
        return new Completion(text, usage(root.get("usage")), finish, limits);
    }

    /**
     * Four disjoint buckets: DeepSeek's hit/miss when present, else prompt_tokens minus its cached and
     * cache-write subsets; reasoning tokens are already inside completion_tokens. No usage object at all is
     * "not reported"; a usage object without a cache field reports 0 for that bucket.
     */
    public static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NOT_REPORTED;
        }
        Long prompt = JsonBodies.count(usage, "prompt_tokens");
        Long output = JsonBodies.count(usage, "completion_tokens");
        Long hit = JsonBodies.count(usage, "prompt_cache_hit_tokens");
        Long miss = JsonBodies.count(usage, "prompt_cache_miss_tokens");
        if (hit != null && miss != null) {
            return new Usage(miss, hit, 0L, output);
        }
        // A usage object without cache details means nothing was cached: the buckets are 0, not unknown.
        JsonNode details = usage.get("prompt_tokens_details");
        long cached = orZero(JsonBodies.count(details, "cached_tokens"));
        long written = orZero(JsonBodies.count(details, "cache_write_tokens"));
        Long uncached = prompt == null ? null : Math.max(0, prompt - cached - written);
        return new Usage(uncached, cached, written, output);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    public static ProviderFailure failure(int status, JsonNode body, HttpReply reply) {
        JsonNode error = body == null ? null : body.get("error");
        String type = lower(JsonBodies.text(error, "type"));
        String code = lower(JsonBodies.text(error, "code"));
        String message = JsonBodies.text(error, "message");
        if (message == null && error != null && error.isTextual()) {
            message = error.asText();
        }
        String reason = "HTTP " + status + reasonSuffix(type, code, message);
        String all = (type + " " + code + " " + lower(message));
        if (all.contains("insufficient_quota")
                || all.contains("insufficient balance")
                || all.contains("allocationquota")
                || all.contains("billing")
                || status == 402) {
            return new ProviderFailure.QuotaExhausted(reason);
        }
        if (status == 429) {
            Scope scope = scope(type, code, message);
            return new ProviderFailure.RateLimited(wait(reply, message, scope).orElse(null), scope, reason);
        }
        if (status == 401 || status == 403) {
            return new ProviderFailure.Unauthorized(reason);
        }
        if (status == 413
                || all.contains("context_length_exceeded")
                || all.contains("maximum context length")
                || all.contains("context length")
                || all.contains("too many tokens")) {
            return new ProviderFailure.ContextTooLong(reason);
        }
        if (all.contains("content_filter")
                || all.contains("content_policy")
                || all.contains("data_inspection_failed")) {
            return new ProviderFailure.ContentFiltered(reason);
        }
        if (status == 503 || status == 529 || all.contains("overloaded")) {
            return new ProviderFailure.Overloaded(
                    wait(reply, message, Scope.UNKNOWN).orElse(null), reason);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new ProviderFailure.Transient(
                    wait(reply, message, Scope.UNKNOWN).orElse(null), reason);
        }
        return new ProviderFailure.BadRequest(reason);
    }

    /** retry-after-ms, then retry-after, then "try again in Xs", then the x-ratelimit reset of the limit that was hit. */
    static Optional<Duration> wait(HttpReply reply, String message, Scope scope) {
        Optional<Duration> fromHeaders = RetryHints.fromHeaders(reply::header, reply.receivedAt());
        if (fromHeaders.isPresent()) {
            return fromHeaders;
        }
        Optional<Duration> fromText = RetryHints.fromMessage(message);
        if (fromText.isPresent()) {
            return fromText;
        }
        Optional<Duration> requests = RetryHints.goDuration(reply.header("x-ratelimit-reset-requests"));
        Optional<Duration> tokens = RetryHints.goDuration(reply.header("x-ratelimit-reset-tokens"));
        if (scope == Scope.REQUESTS && requests.isPresent()) {
            return requests;
        }
        if (scope == Scope.TOKENS && tokens.isPresent()) {
            return tokens;
        }
        // Not told which limit was hit: wait for both, the safe side.
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.isPresent() ? requests : tokens;
    }

    static Scope scope(String type, String code, String message) {
        String m = lower(message);
        // Checked first: a concurrency 429 may come with type "requests" (the simulator's, DeepSeek's wording).
        if (m.contains("concurren")) {
            return Scope.CONCURRENCY;
        }
        if ("tokens".equals(type) || m.contains("tokens per min") || m.contains("(tpm)")) {
            return Scope.TOKENS;
        }
        if ("requests".equals(type)
                || m.contains("requests per min")
                || m.contains("(rpm)")
                || "throttling.ratequota".equals(code)) {
            return Scope.REQUESTS;
        }
        return Scope.UNKNOWN;
    }

    /** x-ratelimit-{limit,remaining,reset}-{requests,tokens}; resets are durations from the reply's arrival. */
    public static RateLimitSnapshot rateLimits(HttpReply reply) {
        RateLimitSnapshot.Window requests = window(reply, "requests");
        RateLimitSnapshot.Window tokens = window(reply, "tokens");
        return new RateLimitSnapshot(
                requests.isEmpty() ? null : requests, tokens.isEmpty() ? null : tokens, null, null);
    }

    private static RateLimitSnapshot.Window window(HttpReply reply, String what) {
        Instant reset = RetryHints.goDuration(reply.header("x-ratelimit-reset-" + what))
                .map(reply.receivedAt()::plus)
                .orElse(null);
        return new RateLimitSnapshot.Window(
                number(reply.header("x-ratelimit-limit-" + what)),
                number(reply.header("x-ratelimit-remaining-" + what)),
                reset);
    }

    static Long number(String value) {
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

    private static String reasonSuffix(String type, String code, String message) {
        StringBuilder b = new StringBuilder();
        if (!type.isEmpty()) {
            b.append(" ").append(type);
        }
        if (!code.isEmpty() && !code.equals(type)) {
            b.append(" ").append(code);
        }
        String m = ErrorText.sanitize(message);
        if (!m.isEmpty()) {
            b.append(": ").append(m);
        }
        return b.toString();
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
