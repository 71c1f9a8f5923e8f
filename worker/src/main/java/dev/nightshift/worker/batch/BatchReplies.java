package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.http.HttpReply;
import dev.nightshift.worker.provider.http.JsonBodies;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading the batch APIs' replies: their JSON, their errors typed as the protocol types them, their JSONL. */
final class BatchReplies {
    /** How a protocol types an error reply. */
    interface Failures {
        ProviderFailure failure(int status, JsonNode body, HttpReply reply);
    }

    private BatchReplies() {}

    /** The JSON body of a 2xx reply; any other status fails typed as the protocol's synchronous calls are. */
    static JsonNode json(HttpReply reply, Failures failures) {
        checked(reply, failures);
        return JsonBodies.parse(reply.body());
    }

    /** A 2xx reply; any other status fails typed as the protocol's synchronous calls are. */
    static HttpReply checked(HttpReply reply, Failures failures) {
        if (reply.status() / 100 != 2) {
            throw new ProviderCallException(failures.failure(
                    reply.status(), JsonBodies.tryParse(reply.body()).orElse(null), reply));
        }
        return reply;
    }

    /**
     * One batch item's answer as the synchronous reply it stands for (its status and body, no headers), so that the
     * synchronous readers read it: the same usage normalisation and failure typing as a call made at once.
     */
    static HttpReply asReply(int status, JsonNode body, Instant at) {
        byte[] bytes = body == null || body.isNull() || body.isMissingNode()
                ? new byte[0]
                : body.toString().getBytes(StandardCharsets.UTF_8);
        return new HttpReply(status, MultiMap.caseInsensitiveMultiMap(), bytes, at);
    }

    /** The JSON values of a JSONL body, blank lines skipped. */
    static List<JsonNode> lines(byte[] jsonl) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(jsonl, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new ProviderCallException(new ProviderFailure.Transient(
                    null, "a batch result line is not JSON (" + line.length() + " characters)"));
        }
    }

    /**
     * Outcomes for the requests an ended batch's results do not mention: not run when it expired or was cancelled; the
     * provider's refusal ({@code refusal}) when it failed as a whole; else a transient failure (routed again).
     */
    static void missing(Map<String, ItemOutcome> out, List<String> customIds, BatchStatus ended, String refusal) {
        String state = ended.endState();
        for (String id : customIds) {
            out.computeIfAbsent(id, k -> switch (state) {
                case "expired" -> ItemOutcome.NotRun.EXPIRED;
                case "cancelled" -> ItemOutcome.NotRun.CANCELLED;
                case "failed" ->
                    new ItemOutcome.Failed(
                            new ProviderFailure.BadRequest("the provider refused the batch: " + refusal),
                            Usage.NOT_REPORTED);
                default ->
                    new ItemOutcome.Failed(
                            new ProviderFailure.Transient(
                                    null, "the batch ended " + ended.state() + " without a result for this request"),
                            Usage.NOT_REPORTED);
            });
        }
    }

    /** The request body a synchronous client built, as a JSON value to nest in a batch line. */
    static JsonNode tree(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a request body the client built is not JSON", e);
        }
    }
}
