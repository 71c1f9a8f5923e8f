package dev.nightshift.simulator.wire;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.limit.LimitScope;
import dev.nightshift.simulator.limit.RateLimitSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Gemini {@code generateContent} (generativelanguage v1beta), shapes from the cookbook and python-genai
 *. Usage fields that are zero are left out, as proto3 JSON does; there are no
 * rate-limit headers; a 429 is a {@code google.rpc.Status} with QuotaFailure, Help and RetryInfo.
 */
public final class GeminiWire implements WireProtocol {
    @Override
    public Protocol protocol() {
        return Protocol.GEMINI;
    }

    @Override
    public boolean hasCredential(Function<String, String> header, Function<String, String> query) {
        String key = header.apply("x-goog-api-key");
        if (key == null || key.isBlank()) {
            key = query.apply("key");
        }
        return key != null && !key.isBlank();
    }

    @Override
    public ChatRequest parse(JsonObject body, String pathModel) {
        Object contents = body.getValue("contents");
        if (!(contents instanceof JsonArray list) || list.isEmpty()) {
            throw new IllegalArgumentException("* GenerateContentRequest.contents: contents is not specified");
        }
        StringBuilder prompt = new StringBuilder();
        List<Continuation.Turn> turns = new ArrayList<>();
        Object system = first(body, "systemInstruction", "system_instruction");
        if (system instanceof JsonObject s) {
            String text = Texts.of(s.getValue("parts"), "systemInstruction.parts");
            Texts.append(prompt, text);
            turns.add(new Continuation.Turn(Continuation.Role.SYSTEM, text, prompt.length()));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof JsonObject c)) {
                throw new IllegalArgumentException(
                        "* GenerateContentRequest.contents[" + i + "]: expected a Content object");
            }
            String text = Texts.of(c.getValue("parts"), "contents[" + i + "].parts");
            Texts.append(prompt, text);
            turns.add(new Continuation.Turn(role(c.getValue("role")), text, prompt.length()));
        }
        Integer max = null;
        if (first(body, "generationConfig", "generation_config") instanceof JsonObject config) {
            max = Texts.optionalInt(config, "maxOutputTokens", "max_output_tokens");
        }
        String text = prompt.toString();
        return new ChatRequest(pathModel, text, null, max, false, true, Continuation.find(text, turns, false));
    }

    /** A content without a role is the user's, as the API takes a single-turn request. */
    private static Continuation.Role role(Object role) {
        if (role == null || "user".equals(role)) {
            return Continuation.Role.USER;
        }
        return "model".equals(role) ? Continuation.Role.ASSISTANT : Continuation.Role.OTHER;
    }

    @Override
    public ChatRequest parseCount(JsonObject body, String pathModel) {
        return parse(body.getValue("generateContentRequest") instanceof JsonObject wrapped ? wrapped : body, pathModel);
    }

    @Override
    public String countBody(long tokens) {
        return new JsonObject()
                .put("totalTokens", tokens)
                .put(
                        "promptTokensDetails",
                        new JsonArray()
                                .add(new JsonObject().put("modality", "TEXT").put("tokenCount", tokens)))
                .encode();
    }

    private static Object first(JsonObject o, String camel, String snake) {
        Object v = o.getValue(camel);
        return v != null ? v : o.getValue(snake);
    }

    @Override
    public String success(ChatReply r, Dialect dialect) {
        WireUsage u = r.usage();
        JsonObject candidate = new JsonObject();
        if (r.finish() != Finish.FILTERED) {
            candidate.put(
                    "content",
                    new JsonObject()
                            .put("parts", new JsonArray().add(new JsonObject().put("text", r.text())))
                            .put("role", "model"));
        }
        candidate
                .put(
                        "finishReason",
                        switch (r.finish()) {
                            case STOP -> "STOP";
                            case LENGTH -> "MAX_TOKENS";
                            case FILTERED -> "SAFETY";
                        })
                .put("index", 0);
        long prompt = u.uncachedInput() + u.cacheReadInput();
        JsonObject usage = new JsonObject().put("promptTokenCount", prompt);
        if (u.visibleOutput() > 0) {
            usage.put("candidatesTokenCount", u.visibleOutput());
        }
        usage.put("totalTokenCount", prompt + u.output());
        if (u.cacheReadInput() > 0) {
            usage.put("cachedContentTokenCount", u.cacheReadInput());
        }
        if (u.thinking() > 0) {
            usage.put("thoughtsTokenCount", u.thinking());
        }
        usage.put(
                "promptTokensDetails",
                new JsonArray().add(new JsonObject().put("modality", "TEXT").put("tokenCount", prompt)));
        return new JsonObject()
                .put("candidates", new JsonArray().add(candidate))
                .put("usageMetadata", usage)
                .put("modelVersion", r.model())
                .put("responseId", r.id())
                .encode();
    }

    /** Gemini's SSE frames end in CRLF pairs; every chunk repeats usageMetadata, the last has the totals. */
    @Override
    public List<String> streamFrames(ChatReply r, Dialect dialect, boolean includeUsage) {
        JsonObject full = new JsonObject(success(r, dialect));
        JsonObject finalUsage = full.getJsonObject("usageMetadata");
        long prompt = finalUsage.getLong("promptTokenCount");
        JsonObject partialUsage =
                new JsonObject().put("promptTokenCount", prompt).put("totalTokenCount", prompt);
        List<String> pieces = StreamChunks.split(r.finish() == Finish.FILTERED ? "" : r.text());
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            JsonObject candidate = new JsonObject();
            if (r.finish() != Finish.FILTERED) {
                candidate.put(
                        "content",
                        new JsonObject()
                                .put("parts", new JsonArray().add(new JsonObject().put("text", pieces.get(i))))
                                .put("role", "model"));
            }
            if (last) {
                candidate.put(
                        "finishReason",
                        full.getJsonArray("candidates").getJsonObject(0).getString("finishReason"));
            }
            candidate.put("index", 0);
            JsonObject chunk = new JsonObject()
                    .put("candidates", new JsonArray().add(candidate))
                    .put("usageMetadata", last ? finalUsage : partialUsage)
                    .put("modelVersion", r.model())
                    .put("responseId", r.id());
            frames.add("data: " + chunk.encode() + "\r\n\r\n");
        }
        return frames;
    }

    @Override
    public String streamError(Dialect dialect) {
        return "data: "
                + new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put("code", 503)
                                        .put("message", "The model is overloaded. Please try again later.")
                                        .put("status", "UNAVAILABLE"))
                        .encode()
                + "\r\n\r\n";
    }

    @Override
    public Map<String, String> commonHeaders(String requestId, Dialect dialect) {
        return Map.of();
    }

    @Override
    public Map<String, String> rateLimitHeaders(RateLimitSnapshot snapshot, Dialect dialect) {
        return Map.of();
    }

    @Override
    public WireResponse error(ErrorSpec e, Dialect dialect, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json; charset=UTF-8");
        String model = e.model() == null ? "" : e.model();
        return switch (e.kind()) {
            case UNAUTHORIZED ->
                respond(
                        401,
                        headers,
                        "UNAUTHENTICATED",
                        "Method doesn't allow unregistered callers (callers without "
                                + "established identity). Please use API Key or other form of API consumer identity to call this API.",
                        null);
            case INVALID_KEY ->
                respond(
                        400,
                        headers,
                        "INVALID_ARGUMENT",
                        "API key not valid. Please pass a valid API key.",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                                        .put("reason", "API_KEY_INVALID")
                                        .put("domain", "googleapis.com")));
            case BAD_REQUEST ->
                respond(
                        400,
                        headers,
                        "INVALID_ARGUMENT",
                        e.detail() == null ? "Request contains an invalid argument." : e.detail(),
                        null);
            case NOT_FOUND ->
                respond(
                        404,
                        headers,
                        "NOT_FOUND",
                        e.detail() != null
                                ? e.detail()
                                : "models/" + model
                                        + " is not found for API version v1beta, or is not supported for generateContent. "
                                        + "Call ListModels to see the list of available models and their supported methods.",
                        null);
            case CONTEXT_TOO_LONG ->
                respond(
                        400,
                        headers,
                        "INVALID_ARGUMENT",
                        "The input token count (" + e.used() + ") exceeds the maximum number of tokens allowed ("
                                + e.limit() + ").",
                        null);
            case RATE_LIMITED -> resourceExhausted(e, headers, model, false);
            case QUOTA_EXHAUSTED -> resourceExhausted(e, headers, model, true);
            case SERVER_ERROR ->
                respond(
                        500,
                        headers,
                        "INTERNAL",
                        "An internal error has occurred. Please retry or report in "
                                + "https://developers.generativeai.google/guide/troubleshooting",
                        null);
            case UNAVAILABLE, OVERLOADED ->
                respond(503, headers, "UNAVAILABLE", "The model is overloaded. Please try again later.", null);
        };
    }

    private static WireResponse resourceExhausted(
            ErrorSpec e, Map<String, String> headers, String model, boolean perDay) {
        String metric = e.scope() == LimitScope.INPUT_TOKENS || e.scope() == LimitScope.OUTPUT_TOKENS
                ? "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count"
                : "generativelanguage.googleapis.com/generate_content_paid_tier_requests";
        String quotaId = perDay
                ? "GenerateRequestsPerDayPerProjectPerModel"
                : e.scope() == LimitScope.INPUT_TOKENS || e.scope() == LimitScope.OUTPUT_TOKENS
                        ? "GenerateContentPaidTierInputTokensPerModelPerMinute"
                        : "GenerateRequestsPerMinutePerProjectPerModel";
        JsonObject violation = new JsonObject()
                .put("quotaMetric", metric)
                .put("quotaId", quotaId)
                .put(
                        "quotaDimensions",
                        new JsonObject().put("location", "global").put("model", model));
        if (e.limit() > 0) {
            violation.put("quotaValue", String.valueOf(e.limit()));
        }
        JsonArray details = new JsonArray()
                .add(new JsonObject()
                        .put("@type", "type.googleapis.com/google.rpc.QuotaFailure")
                        .put("violations", new JsonArray().add(violation)))
                .add(new JsonObject()
                        .put("@type", "type.googleapis.com/google.rpc.Help")
                        .put(
                                "links",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("description", "Learn more about Gemini API quotas")
                                                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits"))));
        String message =
                "You exceeded your current quota, please check your plan and billing details. For more information on "
                        + "this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";
        if (e.retryAfter() != null) {
            details.add(new JsonObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", Durations.protobuf(e.retryAfter())));
            message += " Please retry in " + Durations.protobuf(e.retryAfter()) + ".";
        }
        return respond(429, headers, "RESOURCE_EXHAUSTED", message, details);
    }

    private static WireResponse respond(
            int status, Map<String, String> headers, String statusName, String message, JsonArray details) {
        JsonObject error =
                new JsonObject().put("code", status).put("message", message).put("status", statusName);
        if (details != null) {
            error.put("details", details);
        }
        return new WireResponse(
                status, headers, new JsonObject().put("error", error).encode());
    }
}
