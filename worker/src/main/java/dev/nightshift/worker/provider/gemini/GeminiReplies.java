package dev.nightshift.worker.provider.gemini;

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
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Gemini generateContent reply: text from the candidate's parts
 * (thought parts skipped; parts may be missing), usage with cached and thinking tokens, and
 * google.rpc.Status errors with QuotaFailure and RetryInfo details. Gemini sends no rate-limit headers.
 */
public final class GeminiReplies {
    /** Google's own CLI treats longer waits as a quota that will not come back soon. */
    static final Duration LONGEST_RETRY = Duration.ofSeconds(300);

    private static final Set<String> FILTERED =
            Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

    private GeminiReplies() {}

    public static Completion read(HttpReply reply) {
        if (reply.status() != 200) {
            throw new ProviderCallException(
                    failure(reply.status(), JsonBodies.tryParse(reply.body()).orElse(null), reply));
        }
        JsonNode root = JsonBodies.parse(reply.body());
        JsonNode candidate = root.path("candidates").path(0);
        String blocked = JsonBodies.text(root.path("promptFeedback"), "blockReason");
        String finish = JsonBodies.text(candidate, "finishReason");
        if (candidate.isMissingNode() && blocked != null) {
            throw new ProviderCallException(
                    new ProviderFailure.ContentFiltered("prompt blocked: " + blocked),
                    RateLimitSnapshot.NONE,
                    usage(root.get("usageMetadata")));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (!part.path("thought").asBoolean(false) && part.hasNonNull("text")) {
                text.append(part.get("text").asText());
            }
        }
        if (text.isEmpty() && finish != null && FILTERED.contains(finish)) {
            throw new ProviderCallException(
                    new ProviderFailure.ContentFiltered("reply blocked: " + finish),
                    RateLimitSnapshot.NONE,
                    usage(root.get("usageMetadata")));
        }
        return new Completion(text.toString(), usage(root.get("usageMetadata")), finish, RateLimitSnapshot.NONE);
    }

    /** promptTokenCount includes the cached tokens; thinking tokens are billed as output. */
    public static Usage usage(JsonNode meta) {
        if (meta == null || !meta.isObject()) {
            return Usage.NOT_REPORTED;
        }
        Long prompt = JsonBodies.count(meta, "promptTokenCount");
        Long cached = JsonBodies.count(meta, "cachedContentTokenCount");
        Long candidates = JsonBodies.count(meta, "candidatesTokenCount");
        Long thoughts = JsonBodies.count(meta, "thoughtsTokenCount");
        long cacheRead = cached == null ? 0 : cached;
        Long uncached = prompt == null ? null : Math.max(0, prompt - cacheRead);
        Long output = candidates == null && thoughts == null
                ? null
                : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
        // generateContent never writes a cache (explicit caches are created by a separate call).
        return new Usage(uncached, cacheRead, 0L, output);
    }

    public static ProviderFailure failure(int status, JsonNode body, HttpReply reply) {
        JsonNode error = body == null ? null : body.get("error");
        String rpcStatus = JsonBodies.text(error, "status");
        String message = JsonBodies.text(error, "message");
        String reason = "HTTP " + status + (rpcStatus == null ? "" : " " + rpcStatus)
                + (message == null ? "" : ": " + ErrorText.sanitize(message));
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (status == 429 || "RESOURCE_EXHAUSTED".equals(rpcStatus)) {
            return rateLimited(error, message, reason, reply);
        }
        if (status == 401
                || status == 403
                || "PERMISSION_DENIED".equals(rpcStatus)
                || "UNAUTHENTICATED".equals(rpcStatus)
                || hasReason(error, "API_KEY_INVALID")
                || lower.contains("api key not valid")) {
            return new ProviderFailure.Unauthorized(reason);
        }
        if (status == 503 || "UNAVAILABLE".equals(rpcStatus)) {
            if (hasReason(error, "MODEL_CAPACITY_EXHAUSTED")) {
                return new ProviderFailure.Overloaded(null, reason);
            }
            return new ProviderFailure.Overloaded(retryDelay(error).orElse(null), reason);
        }
        if (status >= 500 || status == 499 || status == 408) {
            return new ProviderFailure.Transient(null, reason);
        }
        if (lower.contains("token")
                && (lower.contains("exceeds") || lower.contains("too long") || lower.contains("maximum"))) {
            return new ProviderFailure.ContextTooLong(reason);
        }
        if (lower.contains("safety") || lower.contains("blocked")) {
            return new ProviderFailure.ContentFiltered(reason);
        }
        return new ProviderFailure.BadRequest(reason);
    }

    private static ProviderFailure rateLimited(JsonNode error, String message, String reason, HttpReply reply) {
        Scope scope = Scope.UNKNOWN;
        for (JsonNode detail : details(error, "google.rpc.QuotaFailure")) {
            for (JsonNode violation : detail.path("violations")) {
                String quotaId = JsonBodies.text(violation, "quotaId");
                String quotaValue = JsonBodies.text(violation, "quotaValue");
                if (quotaId != null && quotaId.contains("PerDay") || "0".equals(quotaValue)) {
                    // A daily quota (or a free tier without this model) will not come back within a retry.
                    return new ProviderFailure.QuotaExhausted(reason);
                }
                if (quotaId != null) {
                    scope = quotaId.contains("Token")
                            ? Scope.INPUT_TOKENS
                            : quotaId.contains("Request") ? Scope.REQUESTS : scope;
                }
            }
        }
        Optional<Duration> wait = retryDelay(error);
        if (wait.isEmpty()) {
            wait = RetryHints.fromMessage(message);
        }
        if (wait.isEmpty()) {
            wait = RetryHints.fromHeaders(reply::header, reply.receivedAt());
        }
        if (wait.isPresent() && wait.get().compareTo(LONGEST_RETRY) > 0) {
            return new ProviderFailure.QuotaExhausted(reason);
        }
        return new ProviderFailure.RateLimited(wait.orElse(null), scope, reason);
    }

    static Optional<Duration> retryDelay(JsonNode error) {
        for (JsonNode detail : details(error, "google.rpc.RetryInfo")) {
            Optional<Duration> d = RetryHints.protobufDuration(JsonBodies.text(detail, "retryDelay"));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    private static boolean hasReason(JsonNode error, String reason) {
        for (JsonNode detail : details(error, "google.rpc.ErrorInfo")) {
            if (reason.equals(JsonBodies.text(detail, "reason"))) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> details(JsonNode error, String type) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        if (error != null) {
            for (JsonNode d : error.path("details")) {
                String t = JsonBodies.text(d, "@type");
                if (t != null && t.endsWith(type)) {
                    found.add(d);
                }
            }
        }
        return found;
    }
}
