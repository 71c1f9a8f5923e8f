package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.http.JsonBodies;
import dev.nightshift.worker.provider.openai.OpenAiReplies;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the lines of an OpenAI batch's output and error files, in any order, into one outcome per {@code custom_id}: a
 * line with a {@code response} is read as the synchronous reply of its status and body; a line with only an
 * {@code error} is a request that never ran ({@code batch_expired}, {@code batch_cancelled}) or failed before it did.
 */
public final class OpenAiBatchLines {
    private OpenAiBatchLines() {}

    public static Map<String, ItemOutcome> read(byte[] jsonl, Instant at) {
        Map<String, ItemOutcome> out = new LinkedHashMap<>();
        for (JsonNode line : BatchReplies.lines(jsonl)) {
            String customId = JsonBodies.text(line, "custom_id");
            if (customId != null) {
                out.put(customId, outcome(line, at));
            }
        }
        return out;
    }

    static ItemOutcome outcome(JsonNode line, Instant at) {
        JsonNode response = line.get("response");
        if (response != null && response.isObject()) {
            JsonNode code = response.get("status_code");
            int status = code != null && code.isNumber() ? code.asInt() : 500;
            return ItemOutcome.read(() -> OpenAiReplies.read(BatchReplies.asReply(status, response.get("body"), at)));
        }
        JsonNode error = line.get("error");
        String code = JsonBodies.text(error, "code");
        String message = JsonBodies.text(error, "message");
        if ("batch_expired".equals(code)) {
            return ItemOutcome.NotRun.EXPIRED;
        }
        if ("batch_cancelled".equals(code)) {
            return ItemOutcome.NotRun.CANCELLED;
        }
        return new ItemOutcome.Failed(
                new ProviderFailure.Transient(
                        null, "batch item failed: " + (code == null ? "" : code + " ") + safe(message)),
                dev.nightshift.core.usage.Usage.NOT_REPORTED);
    }

    /** The first reason the provider gave for refusing a batch as a whole. */
    static String firstError(JsonNode batch) {
        JsonNode first =
                batch == null ? null : batch.path("errors").path("data").path(0);
        String message = JsonBodies.text(first, "message");
        return message == null ? "no reason given" : safe(message);
    }

    private static String safe(String message) {
        return dev.nightshift.worker.provider.http.ErrorText.sanitize(message);
    }
}
