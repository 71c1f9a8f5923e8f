package dev.nightshift.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a message record as JSON with a schema version field {@code "v"}. Decoding refuses a newer
 * version than this build understands (rather than silently dropping its fields) and tolerates unknown
 * fields of the same version, so a producer may add optional fields without a version bump.
 */
public final class MessageCodec<T> {
    public static final MessageCodec<Job> JOB = new MessageCodec<>(Job.class, 1);
    public static final MessageCodec<LaneRequest> LANE_REQUEST = new MessageCodec<>(LaneRequest.class, 1);
    /**
     * What happened to a job ({@code nightshift.results}): version 3 is the typed event whose job reference carries the
     * job's content key and test target, which the sink learns from it alone; version 2 (a reference without them: the
     * sink would neither cache its artifact nor place its test) and version 1 (every outcome as one flat attempt
     * record) are refused.
     */
    public static final MessageCodec<JobEvent> JOB_EVENT = new MessageCodec<>(JobEvent.class, 3, 3);
    /**
     * Retry records: version 4 carries the failed attempt as an event of version 3; version 3 (an event of version 2),
     * 2 (a flat attempt) and 1 (the attempt without its lane request) are refused.
     */
    public static final MessageCodec<dev.nightshift.core.attempt.FailedAttempt> FAILED_ATTEMPT =
            new MessageCodec<>(dev.nightshift.core.attempt.FailedAttempt.class, 4, 4);

    public static final MessageCodec<dev.nightshift.core.attempt.CallStarted> CALL_STARTED =
            new MessageCodec<>(dev.nightshift.core.attempt.CallStarted.class, 1);
    public static final MessageCodec<RunPlanned> RUN_PLANNED = new MessageCodec<>(RunPlanned.class, 1);
    public static final MessageCodec<dev.nightshift.core.run.RunControl> RUN_CONTROL =
            new MessageCodec<>(dev.nightshift.core.run.RunControl.class, 1);
    public static final MessageCodec<RunRequest> RUN_REQUEST = new MessageCodec<>(RunRequest.class, 1);
    /**
     * Version 3 carries the attempt as an event of version 3 (the validator's verdict goes to the sink with it);
     * version 2 (an event of version 2) and version 1 (a flat attempt) are refused.
     */
    public static final MessageCodec<ValidationRequest> VALIDATION_REQUEST =
            new MessageCodec<>(ValidationRequest.class, 3, 3);

    public static final MessageCodec<ProviderHealth> PROVIDER_HEALTH = new MessageCodec<>(ProviderHealth.class, 1);

    private static final String VERSION_FIELD = "v";
    private final Class<T> type;
    private final int version;
    /** The oldest version this build reads; older messages carried a different record and are refused. */
    private final int oldest;

    public MessageCodec(Class<T> type, int version) {
        this(type, version, 1);
    }

    public MessageCodec(Class<T> type, int version, int oldest) {
        this.type = type;
        this.version = version;
        this.oldest = oldest;
    }

    /**
     * The message's JSON with {@code "v"} as its first field. Written in one pass: the message's own JSON object with
     * the version spliced in after its opening brace (every message is a JSON object), rather than built as a tree
     * and copied — every record the services exchange goes through here.
     */
    public byte[] encode(T message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encode(message, out);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * As {@link #encode(Object)}, written straight to {@code out} (left open), the same bytes without an array of
     * the whole message: a million-token job is 4 MB of JSON that need not be held twice.
     *
     * @throws IOException when {@code out} fails
     */
    public void encode(T message, OutputStream out) throws IOException {
        Json.mapper()
                .writer()
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(new VersionFirst(out, version), message);
    }

    /**
     * Passes a JSON object through with {@code "v":N} as its first field: swallows the opening brace, writes the brace
     * and the version, and a comma unless the object was empty.
     */
    private static final class VersionFirst extends FilterOutputStream {
        private final byte[] head;
        private int seen;

        VersionFirst(OutputStream out, int version) {
            super(out);
            this.head = ("{\"" + VERSION_FIELD + "\":" + version).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void write(int b) throws IOException {
            if (seen == 0) {
                if (b != '{') {
                    throw new IOException("a message must be a JSON object");
                }
                out.write(head);
            } else if (seen == 1) {
                if (b != '}') {
                    out.write(',');
                }
                out.write(b);
            } else {
                out.write(b);
            }
            seen++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int i = off;
            // The first two bytes decide the head; the rest pass through as they are.
            while (seen < 2 && i < off + len) {
                write(b[i++]);
            }
            if (i < off + len) {
                out.write(b, i, off + len - i);
                seen += off + len - i;
            }
        }
    }

    public T decode(byte[] bytes) {
        try (JsonParser p = Json.mapper().createParser(bytes)) {
            // Our own encoders write the version first: checked, then the rest bound in the same pass.
            if (p.nextToken() == JsonToken.START_OBJECT
                    && p.nextToken() == JsonToken.FIELD_NAME
                    && VERSION_FIELD.equals(p.currentName())
                    && p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                checkVersion(p.getIntValue());
                if (p.nextToken() == JsonToken.FIELD_NAME) {
                    return Json.mapper().readValue(p, type);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return decodeAnyOrder(bytes);
    }

    /** A message whose version is not its first field (written by hand, or by another tool): read as a tree. */
    private T decodeAnyOrder(byte[] bytes) {
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new CodecException("a " + type.getSimpleName() + " message must be a JSON object", null);
            }
            checkVersion(tree.path(VERSION_FIELD).asInt(-1));
            ((ObjectNode) tree).remove(VERSION_FIELD);
            return Json.mapper().treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private void checkVersion(int found) {
        if (found >= 1 && found < oldest) {
            throw new CodecException(
                    type.getSimpleName() + " message has schema version " + found + ", written by an older"
                            + " nightshift; this build reads " + oldest + ".." + version
                            + ": let the older version drain its topic"
                            + " before upgrading, or submit the run again",
                    null);
        }
        if (found < 1 || found > version) {
            throw new CodecException(
                    type.getSimpleName() + " message has schema version " + found + ", this build reads " + oldest
                            + ".." + version + "; upgrade nightshift",
                    null);
        }
    }

    /** A message that cannot be encoded or decoded; never retryable. */
    public static final class CodecException extends RuntimeException {
        public CodecException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
