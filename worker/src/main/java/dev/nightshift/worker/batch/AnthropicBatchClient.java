package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.worker.provider.anthropic.AnthropicClient;
import dev.nightshift.worker.provider.anthropic.AnthropicReplies;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.provider.http.JsonBodies;
import dev.nightshift.worker.provider.http.RetryHints;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Message Batches API ({@code /v1/messages/batches}), with the synchronous API's headers.
 *
 * <p>Anthropic keeps no metadata on a batch, so a batch submitted just before a crash is found by what is known of it:
 * created no earlier than it was written down (less a minute of clock skew), with as many requests as it has, and not
 * one of our other batches. Our batch id is in every custom id, so the results of a batch taken for ours by mistake
 * name none of its members: they come back as not run and are routed again, never billed twice under our name.
 */
public final class AnthropicBatchClient implements BatchClient {
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final int FIND_PAGES = 10;

    private final HttpExchange http;
    private final String batches;
    private final Optional<ApiKey> key;

    public AnthropicBatchClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.batches = (baseUrl.endsWith("/v1") ? baseUrl : baseUrl + "/v1") + "/messages/batches";
        this.key = key;
    }

    @Override
    public Future<String> submit(String batchId, String model, List<BatchEntry> entries) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode requests = root.putArray("requests");
        for (BatchEntry e : entries) {
            ObjectNode r = requests.addObject();
            r.put("custom_id", e.customId());
            r.set("params", BatchReplies.tree(AnthropicClient.body(e.call())));
        }
        return http.post(batches, jsonHeaders(), Buffer.buffer(root.toString()))
                .map(r -> JsonBodies.text(BatchReplies.json(r, AnthropicReplies::failure), "id"));
    }

    @Override
    public Future<BatchStatus> status(String providerId) {
        return http.get(batches + "/" + enc(providerId), headers())
                .map(r -> status(BatchReplies.json(r, AnthropicReplies::failure)));
    }

    static BatchStatus status(JsonNode batch) {
        String state = String.valueOf(JsonBodies.text(batch, "processing_status"));
        return new BatchStatus(
                JsonBodies.text(batch, "id"),
                "ended".equals(state),
                state,
                batch,
                RetryHints.rfc3339(JsonBodies.text(batch, "ended_at")).orElse(null));
    }

    @Override
    public Future<Map<String, ItemOutcome>> results(BatchStatus ended, List<String> customIds) {
        // The documented results endpoint; results_url names the same, and the key is only ever sent to our base URL.
        return http.get(batches + "/" + enc(ended.providerId()) + "/results", headers())
                .map(r -> {
                    BatchReplies.checked(r, AnthropicReplies::failure);
                    Map<String, ItemOutcome> out = AnthropicBatchLines.read(r.body(), r.receivedAt());
                    out.keySet().retainAll(customIds);
                    BatchReplies.missing(out, customIds, ended, "no reason given");
                    return out;
                });
    }

    @Override
    public Future<Void> cancel(String providerId) {
        return http.post(batches + "/" + enc(providerId) + "/cancel", jsonHeaders(), Buffer.buffer("{}"))
                .map(r -> {
                    BatchReplies.checked(r, AnthropicReplies::failure);
                    return null;
                });
    }

    @Override
    public Future<Optional<String>> find(SubmittedBefore before) {
        return page(before, null, 0);
    }

    private Future<Optional<String>> page(SubmittedBefore before, String after, int pages) {
        String url = batches + "?limit=100" + (after == null ? "" : "&after_id=" + enc(after));
        Instant since = before.collectedAt().minus(SKEW);
        return http.get(url, headers()).compose(r -> {
            JsonNode list = BatchReplies.json(r, AnthropicReplies::failure);
            String last = null;
            for (JsonNode b : list.path("data")) {
                last = JsonBodies.text(b, "id");
                Optional<Instant> created = RetryHints.rfc3339(JsonBodies.text(b, "created_at"));
                if (last != null
                        && !before.claimed().contains(last)
                        && created.isPresent()
                        && !created.get().isBefore(since)
                        && requests(b.path("request_counts")) == before.size()) {
                    return Future.succeededFuture(Optional.of(last));
                }
            }
            String lastId = JsonBodies.text(list, "last_id") != null ? JsonBodies.text(list, "last_id") : last;
            if (list.path("has_more").asBoolean(false) && lastId != null && pages + 1 < FIND_PAGES) {
                return page(before, lastId, pages + 1);
            }
            return Future.succeededFuture(Optional.<String>empty());
        });
    }

    private static long requests(JsonNode counts) {
        long n = 0;
        for (String f : List.of("processing", "succeeded", "errored", "canceled", "expired")) {
            n += counts.path(f).asLong(0);
        }
        return n;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", AnthropicClient.VERSION);
        key.ifPresent(k -> headers.put("x-api-key", k.reveal()));
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
