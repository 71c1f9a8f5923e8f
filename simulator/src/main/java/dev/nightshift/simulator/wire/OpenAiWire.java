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
 * OpenAI Chat Completions ({@code POST …/chat/completions}), and its DeepSeek dialect. Shapes follow
 * openai-openapi and recorded traffic.
 */
public final class OpenAiWire implements WireProtocol {
    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public boolean hasCredential(Function<String, String> header, Function<String, String> query) {
        String auth = header.apply("authorization");
        return auth != null
                && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && !auth.substring(7).isBlank();
    }

    @Override
    public ChatRequest parse(JsonObject body, String pathModel) {
        if (!(body.getValue("model") instanceof String model) || model.isBlank()) {
            throw new IllegalArgumentException("you must provide a model parameter");
        }
        if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            throw new IllegalArgumentException("messages: expected a non-empty array of messages");
        }
        StringBuilder prompt = new StringBuilder();
        List<Continuation.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.getValue(i) instanceof JsonObject m) || !(m.getValue("role") instanceof String role)) {
                throw new IllegalArgumentException("messages[" + i + "]: expected an object with a role");
            }
            String text = Texts.of(m.getValue("content"), "messages[" + i + "].content");
            Texts.append(prompt, text);
            turns.add(new Continuation.Turn(role(role), text, prompt.length()));
        }
        Integer max = Texts.optionalInt(body, "max_completion_tokens", "max_tokens");
        boolean includeUsage = body.getValue("stream_options") instanceof JsonObject options
                && Boolean.TRUE.equals(options.getValue("include_usage"));
        String text = prompt.toString();
        // Chat Completions has no prefill: a last assistant turn is a finished one, so only an explicit ask continues.
        return new ChatRequest(
                model,
                text,
                null,
                max,
                Boolean.TRUE.equals(body.getValue("stream")),
                includeUsage,
                Continuation.find(text, turns, false));
    }

    private static Continuation.Role role(String role) {
        return switch (role) {
            case "system", "developer" -> Continuation.Role.SYSTEM;
            case "user" -> Continuation.Role.USER;
            case "assistant" -> Continuation.Role.ASSISTANT;
            default -> Continuation.Role.OTHER;
        };
    }

    @Override
    public String success(ChatReply r, Dialect dialect) {
        WireUsage u = r.usage();
        JsonObject message = new JsonObject().put("role", "assistant").put("content", r.text());
        if (dialect == Dialect.STANDARD) {
            message.put("refusal", r.finish() == Finish.FILTERED ? "I can't help with that." : null)
                    .put("annotations", new JsonArray());
        }
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("message", message)
                .putNull("logprobs")
                .put(
                        "finish_reason",
                        switch (r.finish()) {
                            case STOP -> "stop";
                            case LENGTH -> "length";
                            case FILTERED -> "content_filter";
                        });
        long prompt = u.uncachedInput() + u.cacheReadInput();
        JsonObject usage = new JsonObject()
                .put("prompt_tokens", prompt)
                .put("completion_tokens", u.output())
                .put("total_tokens", prompt + u.output())
                .put("prompt_tokens_details", new JsonObject().put("cached_tokens", u.cacheReadInput()));
        if (dialect == Dialect.DEEPSEEK) {
            usage.put("prompt_cache_hit_tokens", u.cacheReadInput()).put("prompt_cache_miss_tokens", u.uncachedInput());
        } else {
            usage.getJsonObject("prompt_tokens_details").put("audio_tokens", 0);
            usage.put(
                    "completion_tokens_details",
                    new JsonObject()
                            .put("reasoning_tokens", u.thinking())
                            .put("audio_tokens", 0)
                            .put("accepted_prediction_tokens", 0)
                            .put("rejected_prediction_tokens", 0));
        }
        JsonObject body = new JsonObject()
                .put("id", r.id())
                .put("object", "chat.completion")
                .put("created", r.created())
                .put("model", r.model())
                .put("choices", new JsonArray().add(choice))
                .put("usage", usage);
        if (dialect == Dialect.DEEPSEEK) {
            body.put("system_fingerprint", "fp_sim_prod");
        } else {
            body.put("service_tier", "default").put("system_fingerprint", "fp_sim");
        }
        return body.encode();
    }

    @Override
    public List<String> streamFrames(ChatReply r, Dialect dialect, boolean includeUsage) {
        List<String> frames = new ArrayList<>();
        List<String> pieces = StreamChunks.split(r.text());
        frames.add(frame(chunk(r, new JsonObject().put("role", "assistant").put("content", ""), null, includeUsage)));
        for (String piece : pieces) {
            if (!piece.isEmpty()) {
                frames.add(frame(chunk(r, new JsonObject().put("content", piece), null, includeUsage)));
            }
        }
        String finish =
                switch (r.finish()) {
                    case STOP -> "stop";
                    case LENGTH -> "length";
                    case FILTERED -> "content_filter";
                };
        frames.add(frame(chunk(r, new JsonObject(), finish, includeUsage)));
        if (includeUsage) {
            JsonObject last = new JsonObject(success(r, dialect));
            frames.add(frame(chunkBase(r).put("choices", new JsonArray()).put("usage", last.getJsonObject("usage"))));
        }
        frames.add("data: [DONE]\n\n");
        return frames;
    }

    private static JsonObject chunkBase(ChatReply r) {
        return new JsonObject()
                .put("id", r.id())
                .put("object", "chat.completion.chunk")
                .put("created", r.created())
                .put("model", r.model())
                .put("system_fingerprint", "fp_sim");
    }

    private static JsonObject chunk(ChatReply r, JsonObject delta, String finish, boolean includeUsage) {
        JsonObject choice = new JsonObject()
                .put("index", 0)
                .put("delta", delta)
                .putNull("logprobs")
                .put("finish_reason", finish);
        JsonObject c = chunkBase(r).put("choices", new JsonArray().add(choice));
        if (includeUsage) {
            c.putNull("usage");
        }
        return c;
    }

    private static String frame(JsonObject data) {
        return "data: " + data.encode() + "\n\n";
    }

    @Override
    public String streamError(Dialect dialect) {
        return frame(new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put(
                                        "message",
                                        "The server had an error while processing your request. Sorry about that!")
                                .put("type", "server_error")
                                .putNull("param")
                                .putNull("code")));
    }

    @Override
    public Map<String, String> commonHeaders(String requestId, Dialect dialect) {
        return dialect == Dialect.DEEPSEEK
                ? Map.of("x-ds-trace-id", requestId)
                : Map.of(
                        "x-request-id",
                        requestId,
                        "openai-version",
                        "2020-10-01",
                        "openai-organization",
                        "org-simulated");
    }

    @Override
    public Map<String, String> rateLimitHeaders(RateLimitSnapshot s, Dialect dialect) {
        Map<String, String> h = new LinkedHashMap<>();
        if (dialect == Dialect.DEEPSEEK) {
            return h;
        }
        if (s.requests().limited()) {
            h.put("x-ratelimit-limit-requests", String.valueOf(s.requests().limit()));
            h.put("x-ratelimit-remaining-requests", String.valueOf(s.requests().remaining()));
            h.put("x-ratelimit-reset-requests", Durations.go(s.requests().resetAfter()));
        }
        if (s.inputTokens().limited()) {
            h.put("x-ratelimit-limit-tokens", String.valueOf(s.inputTokens().limit()));
            h.put("x-ratelimit-remaining-tokens", String.valueOf(s.inputTokens().remaining()));
            h.put("x-ratelimit-reset-tokens", Durations.go(s.inputTokens().resetAfter()));
        }
        return h;
    }

    @Override
    public WireResponse error(ErrorSpec e, Dialect dialect, String requestId) {
        WireResponse openAi = openAiError(e, dialect, requestId);
        if (dialect != Dialect.OPENROUTER) {
            return openAi;
        }
        // OpenRouter keeps the status and message but spells the code as a number.
        JsonObject error = new JsonObject(openAi.body()).getJsonObject("error");
        JsonObject body = new JsonObject()
                .put(
                        "error",
                        new JsonObject()
                                .put("code", openAi.status())
                                .put("message", error.getString("message"))
                                .put("metadata", new JsonObject().put("provider_name", "simulated")));
        return new WireResponse(openAi.status(), openAi.headers(), body.encode());
    }

    private WireResponse openAiError(ErrorSpec e, Dialect dialect, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(commonHeaders(requestId, dialect));
        headers.put("content-type", "application/json");
        String model = e.model() == null ? "the model" : e.model();
        return switch (e.kind()) {
            case UNAUTHORIZED ->
                respond(
                        401,
                        headers,
                        "You didn't provide an API key. You need to provide your API key in an "
                                + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                        "invalid_request_error",
                        null,
                        null,
                        true);
            case INVALID_KEY ->
                respond(
                        401,
                        headers,
                        dialect == Dialect.DEEPSEEK
                                ? "Authentication Fails, Your api key is invalid"
                                : "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
                        dialect == Dialect.DEEPSEEK ? "authentication_error" : "invalid_request_error",
                        null,
                        "invalid_api_key",
                        true);
            case BAD_REQUEST ->
                respond(
                        400,
                        headers,
                        e.detail() == null ? "Invalid request." : e.detail(),
                        "invalid_request_error",
                        null,
                        dialect == Dialect.DEEPSEEK ? "invalid_request_error" : "invalid_value",
                        false);
            case NOT_FOUND ->
                respond(
                        404,
                        headers,
                        e.detail() != null
                                ? e.detail()
                                : "The model `" + model + "` does not exist or you do not have access to it.",
                        "invalid_request_error",
                        null,
                        "model_not_found",
                        false);
            case CONTEXT_TOO_LONG ->
                respond(
                        400,
                        headers,
                        "This model's maximum context length is " + e.limit()
                                + " tokens. However, your messages resulted in " + e.used()
                                + " tokens. Please reduce the length of the messages.",
                        "invalid_request_error",
                        "messages",
                        "context_length_exceeded",
                        false);
            case RATE_LIMITED -> rateLimited(e, dialect, headers, model);
            case QUOTA_EXHAUSTED ->
                dialect == Dialect.DEEPSEEK
                        ? respond(
                                402,
                                headers,
                                "Insufficient Balance",
                                "unknown_error",
                                null,
                                "invalid_request_error",
                                false)
                        : respond(
                                429,
                                headers,
                                "You exceeded your current quota, please check your plan and billing details. For more "
                                        + "information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                                "insufficient_quota",
                                null,
                                "insufficient_quota",
                                false);
            case SERVER_ERROR ->
                respond(
                        500,
                        headers,
                        "The server had an error while processing your request. Sorry about that!",
                        "server_error",
                        null,
                        null,
                        false);
            case UNAVAILABLE, OVERLOADED ->
                respond(
                        503,
                        headers,
                        dialect == Dialect.DEEPSEEK
                                ? "Server Overloaded"
                                : "The engine is currently overloaded, please try again later.",
                        "server_error",
                        null,
                        null,
                        false);
        };
    }

    private WireResponse rateLimited(ErrorSpec e, Dialect dialect, Map<String, String> headers, String model) {
        if (dialect == Dialect.DEEPSEEK) {
            return respond(429, headers, "Rate Limit Reached", "rate_limit_error", null, "rate_limit_exceeded", false);
        }
        if (e.retryAfter() != null) {
            headers.put("retry-after", String.valueOf(Durations.ceilSeconds(e.retryAfter())));
            headers.put("retry-after-ms", String.valueOf(e.retryAfter().toMillis()));
        }
        boolean tokens = e.scope() == LimitScope.INPUT_TOKENS || e.scope() == LimitScope.OUTPUT_TOKENS;
        String what = tokens
                ? "tokens per min (TPM)"
                : e.scope() == LimitScope.CONCURRENCY ? "concurrent requests" : "requests per min (RPM)";
        String wait = e.retryAfter() == null ? "" : " Please try again in " + Durations.go(e.retryAfter()) + ".";
        String message =
                "Rate limit reached for " + model + " in organization org-simulated on " + what + ": Limit " + e.limit()
                        + ", Used " + e.used() + ", Requested " + e.requested() + "." + wait
                        + " Visit https://platform.openai.com/account/rate-limits to learn more.";
        return respond(429, headers, message, tokens ? "tokens" : "requests", null, "rate_limit_exceeded", false);
    }

    private static WireResponse respond(
            int status,
            Map<String, String> headers,
            String message,
            String type,
            String param,
            String code,
            boolean withStatus) {
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code);
        JsonObject body = new JsonObject().put("error", error);
        if (withStatus) {
            body.put("status", status);
        }
        return new WireResponse(status, headers, body.encode());
    }
}
