package dev.nightshift.worker.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderClient;
import dev.nightshift.worker.provider.http.HttpExchange;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic Messages ({@code POST {baseUrl}/v1/messages}, {@code x-api-key}, {@code anthropic-version}).
 * The system instruction, identical for every job of a task, is marked with {@code cache_control} so it
 * forms the cached prefix. The reply is read by {@link AnthropicReplies}.
 */
public final class AnthropicClient implements ProviderClient {
    public static final String VERSION = "2023-06-01";
    private final HttpExchange http;
    private final String url;
    private final Optional<ApiKey> key;

    public AnthropicClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.url = (baseUrl.endsWith("/v1") ? baseUrl : baseUrl + "/v1") + "/messages";
        this.key = key;
    }

    @Override
    public Future<Completion> complete(CallRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("anthropic-version", VERSION);
        key.ifPresent(k -> headers.put("x-api-key", k.reveal()));
        return http.post(url, headers, Buffer.buffer(body(request)), request.deadline())
                .map(AnthropicReplies::read);
    }

    @Override
    public String joinContinuation(String soFar, String continuation) {
        return soFar.stripTrailing() + continuation;
    }

    /** The request body, byte-for-byte deterministic for the same request. */
    public static byte[] body(CallRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", request.model());
        root.put("max_tokens", request.maxTokens());
        ObjectNode system = root.putArray("system").addObject();
        system.put("type", "text");
        system.put("text", request.prompt().system());
        system.putObject("cache_control").put("type", "ephemeral");
        ArrayNode messages = root.putArray("messages");
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        user.putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", request.prompt().user());
        if (request.continuation() != null) {
            // Prefill: the model carries on the assistant turn it is given. The API refuses a final assistant turn
            // that ends in whitespace, so it is sent stripped (and joined stripped, see joinContinuation).
            ObjectNode assistant = messages.addObject();
            assistant.put("role", "assistant");
            assistant
                    .putArray("content")
                    .addObject()
                    .put("type", "text")
                    .put("text", request.continuation().stripTrailing());
        }
        root.put("temperature", 0);
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a messages request", e);
        }
    }
}
