package dev.nightshift.worker.batch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.nightshift.core.codec.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A batch as the batch lane writes it down on {@code nightshift.batches}: first in state "collected" (before it is
 * submitted, with its members' lane requests under keys of their own), then "submitted" with the provider's id.
 *
 * @param batchId         our id of the batch, unique
 * @param model           the configured model (not its wire name)
 * @param generation      the run-control generation its requests were routed under (a stop of that generation
 *                        cancels it)
 * @param members         the custom ids of its requests, in submission order
 * @param providerBatchId the provider's id once submitted, else {@code null}
 * @param collectedAt     when it was written down, on the wall clock (the provider's clock is compared with it)
 * @param submittedAt     when it was submitted, on the worker's clock; {@code null} before
 */
public record BatchRecord(
        String batchId,
        String provider,
        String model,
        String runId,
        int generation,
        State state,
        List<String> members,
        String providerBatchId,
        Instant collectedAt,
        Instant submittedAt) {
    /** What has been done with the batch. */
    public enum State {
        COLLECTED("collected"),
        SUBMITTED("submitted");

        private final String id;

        State(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }

        @JsonCreator
        public static State of(String id) {
            for (State s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown batch state '" + id + "': collected or submitted");
        }
    }

    public BatchRecord {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        members = List.copyOf(members);
    }

    /** The same batch, submitted to its provider as {@code id} at {@code at}. */
    public BatchRecord submitted(String id, Instant at) {
        return new BatchRecord(
                batchId, provider, model, runId, generation, State.SUBMITTED, members, id, collectedAt, at);
    }

    /** The key of the batch's record. */
    public String key() {
        return key(batchId);
    }

    static String key(String batchId) {
        return "batch/" + batchId;
    }

    /** The key of one member's lane request. */
    public static String memberKey(String batchId, String customId) {
        return "member/" + batchId + "/" + customId;
    }

    byte[] encode() {
        try {
            return Json.mapper().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a batch record", e);
        }
    }

    static BatchRecord decode(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, BatchRecord.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a batch record: " + e.getMessage(), e);
        }
    }
}
