package dev.nightshift.worker.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a provider's JSON body leniently: DeepSeek may send blank keep-alive lines (or SSE comments such
 * as {@code : keep-alive}) before the JSON, and may close with an empty body; unknown fields are ignored
 * because we read a tree. An empty or unreadable body is a {@link ProviderFailure.Transient} failure —
 * the provider broke off, not a bug of ours.
 */
public final class JsonBodies {
    private JsonBodies() {}

    /** The JSON value of the body, or a Transient failure when there is none. */
    public static JsonNode parse(byte[] body) {
        int start = skipKeepAlive(body);
        if (start >= body.length) {
            throw new ProviderCallException(
                    new ProviderFailure.Transient(null, "the provider closed the connection with an empty body"));
        }
        try {
            JsonNode node = Json.mapper().readTree(body, start, body.length - start);
            if (node == null || node.isMissingNode()) {
                throw new IOException("no JSON value");
            }
            return node;
        } catch (IOException e) {
            throw new ProviderCallException(new ProviderFailure.Transient(
                    null, "the provider's reply is malformed or truncated JSON (" + body.length + " bytes)"));
        }
    }

    /** Like {@link #parse} but empty instead of failing, for error bodies whose shape is optional. */
    public static Optional<JsonNode> tryParse(byte[] body) {
        try {
            return Optional.of(parse(body));
        } catch (ProviderCallException e) {
            return Optional.empty();
        }
    }

    /** Index of the first byte after leading whitespace and SSE comment lines. */
    static int skipKeepAlive(byte[] body) {
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                i++;
            } else if (b == ':') {
                while (i < body.length && body[i] != '\n') {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    /** A text field or null; tolerates numbers (OpenRouter's numeric error codes) by printing them. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** A non-negative integer field, or null when absent or not a number: "not reported" stays apart from 0. */
    public static Long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isNumber()) {
            return null;
        }
        long n = v.asLong();
        return n < 0 ? null : n;
    }
}
