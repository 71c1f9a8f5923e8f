package dev.nightshift.worker.provider.gemini;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Google Gemini {@code POST {baseUrl}/models/{model}:generateContent} with {@code x-goog-api-key} (the key
 * never goes into the URL, where proxies log it). The reply is read by {@link GeminiReplies}.
 */
public final class GeminiClient implements ProviderClient {
    private final HttpExchange http;
    private final String baseUrl;
    private final Optional<ApiKey> key;

    public GeminiClient(HttpExchange http, String baseUrl, Optional<ApiKey> key) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.key = key;
    }

    @Override
    public Future<Completion> complete(CallRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        key.ifPresent(k -> headers.put("x-goog-api-key", k.reveal()));
        String url =
                baseUrl + "/models/" + URLEncoder.encode(request.model(), StandardCharsets.UTF_8) + ":generateContent";
        return http.post(url, headers, Buffer.buffer(body(request)), request.deadline())
                .map(GeminiReplies::read);
    }

    /** The request body, byte-for-byte deterministic for the same request. */
    public static byte[] body(CallRequest request) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.putObject("systemInstruction")
                .putArray("parts")
                .addObject()
                .put("text", request.prompt().system());
        ArrayNode contents = root.putArray("contents");
        ObjectNode user = contents.addObject();
        user.put("role", "user");
        user.putArray("parts").addObject().put("text", request.prompt().user());
        if (request.continuation() != null) {
            // The reply so far as the model's turn, then a user turn asking for the rest.
            ObjectNode model = contents.addObject();
            model.put("role", "model");
            model.putArray("parts").addObject().put("text", request.continuation());
            ObjectNode more = contents.addObject();
            more.put("role", "user");
            more.putArray("parts").addObject().put("text", CallRequest.CONTINUE);
        }
        ObjectNode generation = root.putObject("generationConfig");
        generation.put("maxOutputTokens", request.maxTokens());
        generation.put("temperature", 0);
        try {
            return Json.mapper().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a generateContent request", e);
        }
    }
}
