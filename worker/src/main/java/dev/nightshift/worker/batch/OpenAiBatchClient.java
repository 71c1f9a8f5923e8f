package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.provider.http.JsonBodies;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import dev.nightshift.worker.provider.openai.OpenAiReplies;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OpenAI's Batch API: the requests go up as a JSONL file ({@code POST /files}, purpose {@code batch}), a batch is
 * created over it with our batch id in its {@code metadata}, and its results come back as an output file and an error
 * file.
 */
public final class OpenAiBatchClient implements BatchClient {
    /** The metadata key our batch id is left under, by which a restarted worker finds the batch. */
    static final String METADATA_KEY = "nightshift_batch";

    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");
    /** How many pages of the batch list are searched for a batch submitted just before a crash. */
    private static final int FIND_PAGES = 10;

    private final HttpExchange http;
    private final String base;
    private final Optional<ApiKey> key;

    public OpenAiBatchClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.base = baseUrl;
        this.key = key;
    }

    @Override
    public Future<String> submit(String batchId, String model, List<BatchEntry> entries) {
        StringBuilder jsonl = new StringBuilder();
        for (BatchEntry e : entries) {
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("custom_id", e.customId());
            line.put("method", "POST");
            line.put("url", "/v1/chat/completions");
            line.set("body", BatchReplies.tree(OpenAiClient.body(e.call())));
            jsonl.append(line).append('\n');
        }
        String boundary = "nightshift-" + UUID.randomUUID();
        Buffer form = Buffer.buffer()
                .appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n")
                .appendString("--" + boundary + "\r\n")
                .appendString("Content-Disposition: form-data; name=\"file\"; filename=\"" + batchId + ".jsonl\"\r\n")
                .appendString("Content-Type: application/jsonl\r\n\r\n")
                .appendString(jsonl.toString())
                .appendString("\r\n--" + boundary + "--\r\n");
        Map<String, String> upload = headers();
        upload.put("content-type", "multipart/form-data; boundary=" + boundary);
        return http.post(base + "/files", upload, form).compose(reply -> {
            String fileId = JsonBodies.text(BatchReplies.json(reply, OpenAiReplies::failure), "id");
            ObjectNode create = Json.mapper().createObjectNode();
            create.put("input_file_id", fileId);
            create.put("endpoint", "/v1/chat/completions");
            create.put("completion_window", "24h");
            create.putObject("metadata").put(METADATA_KEY, batchId);
            return http.post(base + "/batches", jsonHeaders(), Buffer.buffer(create.toString()))
                    .map(r -> JsonBodies.text(BatchReplies.json(r, OpenAiReplies::failure), "id"));
        });
    }

    @Override
    public Future<BatchStatus> status(String providerId) {
        return http.get(base + "/batches/" + enc(providerId), headers())
                .map(r -> status(BatchReplies.json(r, OpenAiReplies::failure)));
    }

    static BatchStatus status(JsonNode batch) {
        String state = String.valueOf(JsonBodies.text(batch, "status"));
        Instant endedAt = null;
        for (String field : List.of("completed_at", "failed_at", "expired_at", "cancelled_at")) {
            Long seconds = JsonBodies.count(batch, field);
            if (seconds != null) {
                endedAt = Instant.ofEpochSecond(seconds);
            }
        }
        return new BatchStatus(JsonBodies.text(batch, "id"), ENDED.contains(state), state, batch, endedAt);
    }

    @Override
    public Future<Map<String, ItemOutcome>> results(BatchStatus ended, List<String> customIds) {
        Map<String, ItemOutcome> out = new LinkedHashMap<>();
        Future<Void> read = Future.succeededFuture();
        for (String field : List.of("output_file_id", "error_file_id")) {
            String fileId = JsonBodies.text(ended.body(), field);
            if (fileId != null) {
                read = read.compose(v -> http.get(base + "/files/" + enc(fileId) + "/content", headers())
                        .map(r -> {
                            BatchReplies.checked(r, OpenAiReplies::failure);
                            out.putAll(OpenAiBatchLines.read(r.body(), r.receivedAt()));
                            return null;
                        }));
            }
        }
        return read.map(v -> {
            BatchReplies.missing(out, customIds, ended, OpenAiBatchLines.firstError(ended.body()));
            return out;
        });
    }

    @Override
    public Future<Void> cancel(String providerId) {
        return http.post(base + "/batches/" + enc(providerId) + "/cancel", jsonHeaders(), Buffer.buffer("{}"))
                .map(r -> {
                    BatchReplies.checked(r, OpenAiReplies::failure);
                    return null;
                });
    }

    @Override
    public Future<Optional<String>> find(SubmittedBefore before) {
        return page(before.batchId(), null, 0);
    }

    private Future<Optional<String>> page(String batchId, String after, int pages) {
        String url = base + "/batches?limit=100" + (after == null ? "" : "&after=" + enc(after));
        return http.get(url, headers()).compose(r -> {
            JsonNode list = BatchReplies.json(r, OpenAiReplies::failure);
            String last = null;
            for (JsonNode b : list.path("data")) {
                last = JsonBodies.text(b, "id");
                if (batchId.equals(JsonBodies.text(b.path("metadata"), METADATA_KEY))) {
                    return Future.succeededFuture(Optional.ofNullable(last));
                }
            }
            if (list.path("has_more").asBoolean(false) && last != null && pages + 1 < FIND_PAGES) {
                return page(batchId, last, pages + 1);
            }
            return Future.succeededFuture(Optional.<String>empty());
        });
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        key.ifPresent(k -> headers.put("authorization", "Bearer " + k.reveal()));
        return headers;
    }

    private Map<String, String> jsonHeaders() {
        Map<String, String> headers = headers();
        headers.put("content-type", "application/json");
        return headers;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
