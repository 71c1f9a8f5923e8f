package dev.nightshift.worker.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider batch as its provider last described it.
 *
 * @param providerId the provider's id of the batch ({@code batch_…}, {@code msgbatch_…}, {@code batches/…})
 * @param ended      no request of it will run any more: its results can be read
 * @param state      the provider's own word for its state ({@code completed}, {@code ended}, {@code BATCH_STATE_EXPIRED}, …)
 * @param body       the provider's description, from which its client reads where the results are
 * @param endedAt    when the provider says it ended; {@code null} while it runs or when the provider does not say
 */
public record BatchStatus(String providerId, boolean ended, String state, JsonNode body, Instant endedAt) {
    public BatchStatus {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
    }

    /**
     * How it ended, in the words every protocol shares ({@code completed}, {@code expired}, {@code cancelled},
     * {@code failed}): Anthropic's one word {@code ended} is told apart by whether a cancel was asked for and whether
     * requests expired.
     */
    public String endState() {
        String s = state.toLowerCase(java.util.Locale.ROOT);
        if ("ended".equals(s) && body != null) {
            if (body.hasNonNull("cancel_initiated_at")) {
                return "cancelled";
            }
            return body.path("request_counts").path("expired").asLong(0) > 0 ? "expired" : "completed";
        }
        if (s.contains("expired")) {
            return "expired";
        }
        if (s.contains("cancel")) {
            return "cancelled";
        }
        return s.contains("fail") ? "failed" : "completed";
    }
}
