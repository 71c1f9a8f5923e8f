package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.anthropic.AnthropicReplies;
import dev.nightshift.worker.provider.http.JsonBodies;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSONL results of an Anthropic message batch, in any order, into one outcome per {@code custom_id}:
 * {@code succeeded} carries a Message read as the synchronous reply is (cache buckets, refusals); {@code errored} an
 * error typed as the synchronous API's error of that type; {@code canceled} and {@code expired} requests never ran.
 */
public final class AnthropicBatchLines {
    /** The HTTP status the synchronous API answers each error type with, so the error is typed the same way. */
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("invalid_request_error", 400),
            Map.entry("authentication_error", 401),
            Map.entry("billing_error", 402),
            Map.entry("permission_error", 403),
            Map.entry("not_found_error", 404),
            Map.entry("request_too_large", 413),
            Map.entry("rate_limit_error", 429),
            Map.entry("api_error", 500),
            Map.entry("timeout_error", 504),
            Map.entry("overloaded_error", 529));

    private AnthropicBatchLines() {}

    public static Map<String, ItemOutcome> read(byte[] jsonl, Instant at) {
        Map<String, ItemOutcome> out = new LinkedHashMap<>();
        for (JsonNode line : BatchReplies.lines(jsonl)) {
            String customId = JsonBodies.text(line, "custom_id");
            if (customId != null) {
                out.put(customId, outcome(line.path("result"), at));
            }
        }
        return out;
    }

    static ItemOutcome outcome(JsonNode result, Instant at) {
        String type = String.valueOf(JsonBodies.text(result, "type"));
        switch (type) {
            case "succeeded":
                return ItemOutcome.read(
                        () -> AnthropicReplies.read(BatchReplies.asReply(200, result.get("message"), at)));
            case "errored":
                return errored(result.path("error"), at);
            case "canceled":
                return ItemOutcome.NotRun.CANCELLED;
            case "expired":
                return ItemOutcome.NotRun.EXPIRED;
            default:
                return new ItemOutcome.Failed(
                        new ProviderFailure.Transient(null, "unknown batch result type '" + type + "'"),
                        Usage.NOT_REPORTED);
        }
    }

    /**
     * The error is the synchronous API's error body ({@code {"type":"error","error":{"type":…,"message":…}}}); a bare
     * {@code {"type":…,"message":…}} is read too.
     */
    private static ItemOutcome errored(JsonNode error, Instant at) {
        JsonNode envelope = error.path("error").isObject() ? error : wrapped(error);
        String errorType = JsonBodies.text(envelope.path("error"), "type");
        int status = STATUS.getOrDefault(errorType == null ? "" : errorType, 400);
        return ItemOutcome.read(() -> AnthropicReplies.read(BatchReplies.asReply(status, envelope, at)));
    }

    private static JsonNode wrapped(JsonNode error) {
        ObjectNode wrapped = Json.mapper().createObjectNode();
        wrapped.put("type", "error");
        wrapped.set("error", error);
        return wrapped;
    }
}
