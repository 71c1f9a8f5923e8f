package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.json.JsonObject;

/**
 * One request of a batch as the provider received it.
 *
 * @param key      what the client joins results on: OpenAI's and Anthropic's {@code custom_id}, Gemini's
 *                 {@code metadata.key} (or the request's position when it gave none)
 * @param request  the request parsed as the synchronous endpoint parses it, or {@code null} when it is invalid
 * @param invalid  the provider's 400 for a request that could not be parsed, or {@code null}
 * @param metadata Gemini: the request's metadata, echoed with its response; else {@code null}
 */
public record BatchItem(String key, ChatRequest request, WireResponse invalid, JsonObject metadata) {
    public static BatchItem of(String key, ChatRequest request, JsonObject metadata) {
        return new BatchItem(key, request, null, metadata);
    }

    public static BatchItem invalid(String key, WireResponse error, JsonObject metadata) {
        return new BatchItem(key, null, error, metadata);
    }
}
