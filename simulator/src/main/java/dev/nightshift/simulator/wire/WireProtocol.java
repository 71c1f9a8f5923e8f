package dev.nightshift.simulator.wire;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.limit.RateLimitSnapshot;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One provider protocol's spelling of requests, replies, errors and rate-limit headers. */
public interface WireProtocol {
    Protocol protocol();

    /** Whether the request carries this protocol's credential; the key itself is never kept. */
    boolean hasCredential(Function<String, String> header, Function<String, String> query);

    /** What is wrong with the request's headers other than the credential (a 400), or {@code null}. */
    default String headerProblem(Function<String, String> header) {
        return null;
    }

    /**
     * Reads a request body.
     *
     * @param pathModel the model named in the URL (Gemini), else {@code null}
     * @throws IllegalArgumentException naming the bad field, answered as a 400
     */
    ChatRequest parse(JsonObject body, String pathModel);

    /**
     * Reads a token-counting request (Anthropic {@code count_tokens}, Gemini {@code countTokens}); the
     * OpenAI protocol has none.
     */
    default ChatRequest parseCount(JsonObject body, String pathModel) {
        throw new UnsupportedOperationException(protocol().id() + " has no token-counting endpoint");
    }

    /** The token-counting answer. */
    default String countBody(long tokens) {
        throw new UnsupportedOperationException(protocol().id() + " has no token-counting endpoint");
    }

    /** The success body. */
    String success(ChatReply reply, Dialect dialect);

    /** The reply as server-sent events, each a complete frame ending in a blank line. */
    List<String> streamFrames(ChatReply reply, Dialect dialect, boolean includeUsage);

    /** An error event sent after the stream has started (the HTTP status was already 200). */
    String streamError(Dialect dialect);

    /** Headers every answer of this provider carries (request ids). */
    Map<String, String> commonHeaders(String requestId, Dialect dialect);

    /** Rate-limit headers for a success or a 429; empty where the provider sends none. */
    Map<String, String> rateLimitHeaders(RateLimitSnapshot snapshot, Dialect dialect);

    /** An error answer with its status, headers (retry hints) and body. */
    WireResponse error(ErrorSpec error, Dialect dialect, String requestId);
}
