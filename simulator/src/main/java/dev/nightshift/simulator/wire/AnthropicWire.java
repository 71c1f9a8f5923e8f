package dev.nightshift.simulator.wire;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.limit.LimitScope;
import dev.nightshift.simulator.limit.RateLimitSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Anthropic Messages ({@code POST …/v1/messages}), shapes from the official SDK and recordings
 *: usage with cache read/write buckets, {@code anthropic-ratelimit-*}
 * headers with RFC 3339 resets, 529 for overload.
 */
public final class AnthropicWire implements WireProtocol {
    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public boolean hasCredential(Function<String, String> header, Function<String, String> query) {
        String key = header.apply("x-api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        String auth = header.apply("authorization");
        return auth != null
                && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && !auth.substring(7).isBlank();
    }

    /** The real API refuses a call without {@code anthropic-version}; so does the simulator, to keep clients honest. */
    @Override
    public String headerProblem(Function<String, String> header) {
        String version = header.apply("anthropic-version");
        return version == null || version.isBlank() ? "anthropic-version: header is required" : null;
    }

    @Override
    public ChatRequest parse(JsonObject body, String pathModel) {
        if (!(body.getValue("model") instanceof String model) || model.isBlank()) {
            throw new IllegalArgumentException("model: Field required");
        }
        Integer max = Texts.optionalInt(body, "max_tokens");
        if (max == null) {
            throw new IllegalArgumentException("max_tokens: Field required");
        }
        if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            throw new IllegalArgumentException("messages: Field required");
        }
        StringBuilder prompt = new StringBuilder();
        List<Continuation.Turn> turns = new ArrayList<>();
        int prefixEnd = -1;
        Object system = body.getValue("system");
        if (system instanceof JsonArray blocks) {
            prefixEnd = appendBlocks(prompt, blocks, "system", prefixEnd);
        } else {
            Texts.append(prompt, Texts.of(system, "system"));
        }
        turns.add(new Continuation.Turn(Continuation.Role.SYSTEM, "", prompt.length()));
        String lastText = "";
        String lastRole = "";
        for (int i = 0; i < messages.size(); i++) {
            if (!(messages.getValue(i) instanceof JsonObject m) || !(m.getValue("role") instanceof String role)) {
                throw new IllegalArgumentException("messages." + i + ": expected an object with a role");
            }
            if (m.getValue("content") instanceof JsonArray blocks) {
                prefixEnd = appendBlocks(prompt, blocks, "messages." + i + ".content", prefixEnd);
            } else {
                Texts.append(prompt, Texts.of(m.getValue("content"), "messages." + i + ".content"));
            }
            lastText = Texts.of(m.getValue("content"), "messages." + i + ".content");
            lastRole = role;
            turns.add(new Continuation.Turn(
                    switch (role) {
                        case "user" -> Continuation.Role.USER;
                        case "assistant" -> Continuation.Role.ASSISTANT;
                        default -> Continuation.Role.OTHER;
                    },
                    lastText,
                    prompt.length()));
        }
        if (lastRole.equals("assistant") && !lastText.equals(lastText.stripTrailing())) {
            // The real API refuses this too: a prefill is continued from its last character, so whitespace there is a
            // mistake.
            throw new IllegalArgumentException("messages: final assistant content cannot end with trailing whitespace");
        }
        if (body.getValue("cache_control") instanceof JsonObject) {
            prefixEnd = prompt.length();
        }
        String text = prompt.toString();
        return new ChatRequest(
                model,
                text,
                prefixEnd < 0 ? null : text.substring(0, prefixEnd),
                max,
                Boolean.TRUE.equals(body.getValue("stream")),
                true,
                Continuation.find(text, turns, true));
    }

    @Override
    public ChatRequest parseCount(JsonObject body, String pathModel) {
        JsonObject copy = body.copy();
        if (copy.getValue("max_tokens") == null) {
            copy.put("max_tokens", 1);
        }
        return parse(copy, pathModel);
    }

    @Override
    public String countBody(long tokens) {
        return new JsonObject().put("input_tokens", tokens).encode();
    }

    /** Appends text blocks; returns the end of the last block marked {@code cache_control} (or the previous end). */
    private static int appendBlocks(StringBuilder prompt, JsonArray blocks, String where, int prefixEnd) {
        for (int b = 0; b < blocks.size(); b++) {
            if (!(blocks.getValue(b) instanceof JsonObject block)) {
                throw new IllegalArgumentException(where + "." + b + ": expected a content block object");
            }
            if (block.getValue("text") instanceof String t) {
                Texts.append(prompt, t);
            }
            if (block.getValue("cache_control") instanceof JsonObject) {
                prefixEnd = prompt.length();
            }
        }
        return prefixEnd;
    }

    @Override
    public String success(ChatReply r, Dialect dialect) {
        WireUsage u = r.usage();
        JsonArray content = new JsonArray();
        if (!r.text().isEmpty()) {
            content.add(new JsonObject().put("type", "text").put("text", r.text()));
        }
        JsonObject usage = new JsonObject()
                .put("input_tokens", u.uncachedInput())
                .put("cache_creation_input_tokens", u.cacheWriteInput())
                .put("cache_read_input_tokens", u.cacheReadInput())
                .put(
                        "cache_creation",
                        new JsonObject()
                                .put("ephemeral_5m_input_tokens", u.cacheWriteInput())
                                .put("ephemeral_1h_input_tokens", 0))
                .put("output_tokens", u.output())
                .put("service_tier", "standard");
        return new JsonObject()
                .put("id", r.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", r.model())
                .put("content", content)
                .put(
                        "stop_reason",
                        switch (r.finish()) {
                            case STOP -> "end_turn";
                            case LENGTH -> "max_tokens";
                            case FILTERED -> "refusal";
                        })
                .putNull("stop_sequence")
                .put("usage", usage)
                .encode();
    }

    @Override
    public List<String> streamFrames(ChatReply r, Dialect dialect, boolean includeUsage) {
        WireUsage u = r.usage();
        JsonObject full = new JsonObject(success(r, dialect));
        JsonObject startUsage = full.getJsonObject("usage").copy().put("output_tokens", Math.min(1, u.output()));
        JsonObject message = full.copy()
                .put("content", new JsonArray())
                .putNull("stop_reason")
                .put("usage", startUsage);
        List<String> frames = new ArrayList<>();
        frames.add(event(
                "message_start", new JsonObject().put("type", "message_start").put("message", message)));
        frames.add(event(
                "content_block_start",
                new JsonObject()
                        .put("type", "content_block_start")
                        .put("index", 0)
                        .put(
                                "content_block",
                                new JsonObject().put("type", "text").put("text", ""))));
        frames.add(event("ping", new JsonObject().put("type", "ping")));
        for (String piece : StreamChunks.split(r.text())) {
            if (!piece.isEmpty()) {
                frames.add(event(
                        "content_block_delta",
                        new JsonObject()
                                .put("type", "content_block_delta")
                                .put("index", 0)
                                .put(
                                        "delta",
                                        new JsonObject()
                                                .put("type", "text_delta")
                                                .put("text", piece))));
            }
        }
        frames.add(event(
                "content_block_stop",
                new JsonObject().put("type", "content_block_stop").put("index", 0)));
        // message_delta's usage is cumulative: the whole call's counts, not an increment.
        JsonObject deltaUsage = new JsonObject()
                .put("input_tokens", u.uncachedInput())
                .put("cache_creation_input_tokens", u.cacheWriteInput())
                .put("cache_read_input_tokens", u.cacheReadInput())
                .put("output_tokens", u.output());
        frames.add(event(
                "message_delta",
                new JsonObject()
                        .put("type", "message_delta")
                        .put(
                                "delta",
                                new JsonObject()
                                        .put("stop_reason", full.getString("stop_reason"))
                                        .putNull("stop_sequence"))
                        .put("usage", deltaUsage)));
        frames.add(event("message_stop", new JsonObject().put("type", "message_stop")));
        return frames;
    }

    private static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    @Override
    public String streamError(Dialect dialect) {
        return event(
                "error",
                new JsonObject()
                        .put("type", "error")
                        .put(
                                "error",
                                new JsonObject().put("type", "overloaded_error").put("message", "Overloaded")));
    }

    @Override
    public Map<String, String> commonHeaders(String requestId, Dialect dialect) {
        return Map.of("request-id", requestId);
    }

    @Override
    public Map<String, String> rateLimitHeaders(RateLimitSnapshot s, Dialect dialect) {
        Map<String, String> h = new LinkedHashMap<>();
        put(h, "requests", s.requests(), s.now(), false);
        put(h, "input-tokens", s.inputTokens(), s.now(), true);
        put(h, "output-tokens", s.outputTokens(), s.now(), true);
        RateLimitSnapshot.Dimension tightest = null;
        for (RateLimitSnapshot.Dimension d : new RateLimitSnapshot.Dimension[] {s.inputTokens(), s.outputTokens()}) {
            if (d.limited() && (tightest == null || d.remaining() < tightest.remaining())) {
                tightest = d;
            }
        }
        if (tightest != null) {
            put(h, "tokens", tightest, s.now(), true);
        }
        return h;
    }

    /** Token figures are rounded to the nearest thousand, as Anthropic does; resets are RFC 3339 instants. */
    private static void put(
            Map<String, String> h, String name, RateLimitSnapshot.Dimension d, Instant now, boolean round) {
        if (!d.limited()) {
            return;
        }
        long remaining = round ? Math.round(d.remaining() / 1000.0) * 1000 : d.remaining();
        h.put("anthropic-ratelimit-" + name + "-limit", String.valueOf(d.limit()));
        h.put("anthropic-ratelimit-" + name + "-remaining", String.valueOf(Math.min(remaining, d.limit())));
        Instant reset = now.plus(d.resetAfter());
        Instant whole = reset.truncatedTo(ChronoUnit.SECONDS);
        h.put(
                "anthropic-ratelimit-" + name + "-reset",
                (whole.equals(reset) ? whole : whole.plusSeconds(1)).toString());
    }

    @Override
    public WireResponse error(ErrorSpec e, Dialect dialect, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(commonHeaders(requestId, dialect));
        headers.put("content-type", "application/json");
        String model = e.model() == null ? "" : e.model();
        return switch (e.kind()) {
            case UNAUTHORIZED ->
                respond(401, headers, "authentication_error", "x-api-key header is required", requestId);
            case INVALID_KEY -> respond(401, headers, "authentication_error", "invalid x-api-key", requestId);
            case BAD_REQUEST ->
                respond(
                        400,
                        headers,
                        "invalid_request_error",
                        e.detail() == null ? "Invalid request" : e.detail(),
                        requestId);
            case NOT_FOUND ->
                respond(
                        404,
                        headers,
                        "not_found_error",
                        e.detail() != null ? e.detail() : "model: " + model,
                        requestId);
            case CONTEXT_TOO_LONG ->
                respond(
                        400,
                        headers,
                        "invalid_request_error",
                        "prompt is too long: " + e.used() + " tokens > " + e.limit() + " maximum",
                        requestId);
            case RATE_LIMITED -> {
                if (e.retryAfter() != null) {
                    headers.put("retry-after", String.valueOf(Durations.ceilSeconds(e.retryAfter())));
                }
                String what = e.scope() == LimitScope.INPUT_TOKENS
                        ? "input tokens per minute"
                        : e.scope() == LimitScope.OUTPUT_TOKENS
                                ? "output tokens per minute"
                                : e.scope() == LimitScope.CONCURRENCY ? "concurrent requests" : "requests per minute";
                yield respond(
                        429,
                        headers,
                        "rate_limit_error",
                        "This request would exceed your organization's rate limit of "
                                + e.limit() + " " + what
                                + ". For details, refer to: https://docs.claude.com/en/api/rate-limits. "
                                + "You can see the response headers for current usage. Please reduce the prompt length or the maximum "
                                + "tokens requested, or try again later.",
                        requestId);
            }
            case QUOTA_EXHAUSTED ->
                respond(
                        402,
                        headers,
                        "billing_error",
                        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
                        requestId);
            case SERVER_ERROR -> respond(500, headers, "api_error", "Internal server error", requestId);
            case UNAVAILABLE, OVERLOADED -> respond(529, headers, "overloaded_error", "Overloaded", requestId);
        };
    }

    private static WireResponse respond(
            int status, Map<String, String> headers, String type, String message, String requestId) {
        JsonObject body = new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message))
                .put("request_id", requestId);
        return new WireResponse(status, headers, body.encode());
    }
}
