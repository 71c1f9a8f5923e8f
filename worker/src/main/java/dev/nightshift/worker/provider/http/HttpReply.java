package dev.nightshift.worker.provider.http;

import io.vertx.core.MultiMap;
import java.time.Instant;

/** A provider's HTTP reply, fully read, and when it arrived. */
public record HttpReply(
        int status,
        MultiMap headers,
        // The body is handed once to a JSON parser and never compared, hashed or changed; copying it would only cost.
        @SuppressWarnings("ArrayRecordComponent") byte[] body,
        Instant receivedAt) {
    public String header(String name) {
        return headers.get(name);
    }
}
