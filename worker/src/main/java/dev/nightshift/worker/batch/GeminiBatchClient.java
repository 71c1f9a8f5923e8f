package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.worker.provider.gemini.GeminiClient;
import dev.nightshift.worker.provider.gemini.GeminiReplies;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.provider.http.JsonBodies;
import dev.nightshift.worker.provider.http.RetryHints;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini's Batch Mode with inlined requests ({@code models/{model}:batchGenerateContent}), our batch id as its display
 * name; the batch is a long-running operation whose response holds the inlined responses once it is done.
 */
public final class GeminiBatchClient implements BatchClient {
    private static final Set<String> ENDED =
            Set.of("BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED", "BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED");
    private static final int FIND_PAGES = 10;

    private final HttpExchange http;
    private final String base;
    private final Optional<ApiKey> key;

    public GeminiBatchClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.base = baseUrl;
        this.key = key;
    }

    @Override
    public Future<String> submit(String batchId, String model, List<BatchEntry> entries) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode batch = root.putObject("batch");
        batch.put("displayName", batchId);
        ArrayNode requests =
                batch.putObject("inputConfig").putObject("requests").putArray("requests");
        for (BatchEntry e : entries) {
            ObjectNode r = requests.addObject();
            r.set("request", BatchReplies.tree(GeminiClient.body(e.call())));
            r.putObject("metadata").put("key", e.customId());
        }
        String url = base + "/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + ":batchGenerateContent";
        return http.post(url, jsonHeaders(), Buffer.buffer(root.toString()))
                .map(r -> id(BatchReplies.json(r, GeminiReplies::failure)));
    }

    /** The batch's id ({@code batches/…} without its prefix) from its operation or resource name. */
    private static String id(JsonNode operation) {
        String name = JsonBodies.text(operation, "name");
        if (name == null) {
            name = JsonBodies.text(operation.path("metadata"), "name");
        }
        return name == null ? null : name.startsWith("batches/") ? name.substring("batches/".length()) : name;
    }

    @Override
    public Future<BatchStatus> status(String providerId) {
        return http.get(base + "/batches/" + providerId, headers())
                .map(r -> status(BatchReplies.json(r, GeminiReplies::failure)));
    }

    static BatchStatus status(JsonNode operation) {
        String state = JsonBodies.text(operation.path("metadata"), "state");
        if (state == null) {
            state = String.valueOf(JsonBodies.text(operation, "state"));
        }
        boolean ended = ENDED.contains(state) || operation.path("done").asBoolean(false);
        JsonNode meta = operation.path("metadata");
        String end = JsonBodies.text(meta, "endTime") != null
                ? JsonBodies.text(meta, "endTime")
                : ended ? JsonBodies.text(meta, "updateTime") : null;
        return new BatchStatus(
                id(operation), ended, state, operation, RetryHints.rfc3339(end).orElse(null));
    }

    @Override
    public Future<Map<String, ItemOutcome>> results(BatchStatus ended, List<String> customIds) {
        Map<String, ItemOutcome> out =
                GeminiBatchOutput.read(ended.body(), customIds, http.clock().instant());
        out.keySet().retainAll(customIds);
        BatchReplies.missing(out, customIds, ended, "no reason given");
        return Future.succeededFuture(out);
    }

    @Override
    public Future<Void> cancel(String providerId) {
        return http.post(base + "/batches/" + providerId + ":cancel", jsonHeaders(), Buffer.buffer("{}"))
                .map(r -> {
                    BatchReplies.checked(r, GeminiReplies::failure);
                    return null;
                });
    }

    @Override
    public Future<Optional<String>> find(SubmittedBefore before) {
        return page(before.batchId(), null, 0);
    }

    private Future<Optional<String>> page(String batchId, String token, int pages) {
        String url = base + "/batches?pageSize=100"
                + (token == null ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return http.get(url, headers()).compose(r -> {
            JsonNode list = BatchReplies.json(r, GeminiReplies::failure);
            JsonNode batches = list.has("operations") ? list.path("operations") : list.path("batches");
            for (JsonNode b : batches) {
                String displayName = JsonBodies.text(b.path("metadata"), "displayName");
                if (displayName == null) {
                    displayName = JsonBodies.text(b, "displayName");
                }
                if (batchId.equals(displayName)) {
                    return Future.succeededFuture(Optional.ofNullable(id(b)));
                }
            }
            String next = JsonBodies.text(list, "nextPageToken");
            if (next != null && !next.isEmpty() && pages + 1 < FIND_PAGES) {
                return page(batchId, next, pages + 1);
            }
            return Future.succeededFuture(Optional.<String>empty());
        });
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        key.ifPresent(k -> headers.put("x-goog-api-key", k.reveal()));
        return headers;
    }

    private Map<String, String> jsonHeaders() {
        Map<String, String> headers = headers();
        headers.put("content-type", "application/json");
        return headers;
    }
}
