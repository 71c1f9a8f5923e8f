package dev.nightshift.worker.provider.openai;

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
 * OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}, Bearer key), which also serves
 * DeepSeek, Qwen (DashScope compatible mode), Mistral, OpenRouter, LiteLLM, Ollama and vLLM: each is a
 * config entry with its own base URL. Non-streaming; the reply is read by {@link OpenAiReplies}.
 */
public final class OpenAiClient implements ProviderClient {
    private final HttpExchange http;
    private final String url;
    private final Optional<ApiKey> key;

    public OpenAiClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.url = baseUrl + "/chat/completions";
        this.key = key;
    }

    @Override
    public Future<Completion> complete(CallRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", "application/json");
        key.ifPresent(k -> headers.put("authorization", "Bearer " + k.reveal()));
        return http.post(url, headers, Buffer.buffer(body(request)), request.deadline())
                .map(OpenAiReplies::read);
    }

    /** The request body, byte-for-byte deterministic for the same request. */
    public static byte[] body(CallRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        messages.addObject()
                .put("role", "system")
                .put("content", request.prompt().system());
        messages.addObject().put("role", "user").put("content", request.prompt().user());
        if (request.continuation() != null) {
            // The chat API has no prefill: the reply so far goes back as the assistant's turn, then a turn asks for the
            // rest.
            messages.addObject().put("role", "assistant").put("content", request.continuation());
            messages.addObject().put("role", "user").put("content", CallRequest.CONTINUE);
        }
        // max_tokens rather than max_completion_tokens: every OpenAI-compatible server accepts it.
        root.put("max_tokens", request.maxTokens());
        root.put("temperature", 0);
        root.put("stream", false);
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a chat request", e);
        }
    }
}
