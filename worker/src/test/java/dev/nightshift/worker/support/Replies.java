package dev.nightshift.worker.support;

import dev.nightshift.worker.provider.http.HttpReply;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds a provider's HTTP reply as our clients receive it, for table-driven tests of the protocol readers. */
public final class Replies {
    public static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    private Replies() {}

    /** {@code headers} alternate name, value. */
    public static HttpReply reply(int status, String body, String... headers) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return new HttpReply(status, h, body.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
