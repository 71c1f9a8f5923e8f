package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.worker.provider.gemini.GeminiReplies;
import dev.nightshift.worker.provider.http.JsonBodies;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the inlined responses of an ended Gemini batch into one outcome per request key: a {@code response} is read as
 * the synchronous generateContent reply is (cached and thinking tokens, blocked prompts); an {@code error} (a
 * google.rpc.Status) is typed as the synchronous API's error of that code. Responses are joined on their
 * {@code metadata.key}; one without a key is joined by its position, the order Google documents them in.
 */
public final class GeminiBatchOutput {
    private GeminiBatchOutput() {}

    public static Map<String, ItemOutcome> read(JsonNode operation, List<String> keys, Instant at) {
        Map<String, ItemOutcome> out = new LinkedHashMap<>();
        JsonNode responses = inlined(operation);
        int position = 0;
        for (JsonNode item : responses) {
            String key = JsonBodies.text(item.path("metadata"), "key");
            if (key == null && position < keys.size()) {
                key = keys.get(position);
            }
            position++;
            if (key != null) {
                out.put(key, outcome(item, at));
            }
        }
        return out;
    }

    /** The inlined responses, wherever the operation or the batch resource holds them. */
    static JsonNode inlined(JsonNode operation) {
        for (JsonNode output : List.of(
                operation.path("response"), operation.path("metadata").path("output"), operation.path("output"))) {
            JsonNode list = output.path("inlinedResponses");
            if (list.isObject()) {
                list = list.path("inlinedResponses");
            }
            if (list.isArray()) {
                return list;
            }
        }
        return Json.mapper().createArrayNode();
    }

    static ItemOutcome outcome(JsonNode item, Instant at) {
        JsonNode error = item.get("error");
        String status = JsonBodies.text(error, "status");
        // A request the batch never reached has an error entry of its own: the deadline of the batch's window, or its
        // cancel (gRPC's DEADLINE_EXCEEDED and CANCELLED).
        if ("DEADLINE_EXCEEDED".equals(status)) {
            return ItemOutcome.NotRun.EXPIRED;
        }
        if ("CANCELLED".equals(status)) {
            return ItemOutcome.NotRun.CANCELLED;
        }
        if (error != null && error.isObject()) {
            int code = error.path("code").asInt(500);
            ObjectNode envelope = Json.mapper().createObjectNode();
            envelope.set("error", error);
            return ItemOutcome.read(() -> GeminiReplies.read(BatchReplies.asReply(code, envelope, at)));
        }
        return ItemOutcome.read(() -> GeminiReplies.read(BatchReplies.asReply(200, item.get("response"), at)));
    }
}
