package dev.nightshift.core.kafka;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.event.AttemptResult;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a record on {@code nightshift.results} carries, told by its {@value #HEADER} header: an {@link AttemptResult}
 * (no header, as every result was before calls were written ahead) or a {@link CallStarted}. Both are keyed by tenant,
 * so a call's start and its attempt land on one partition in the order they were written.
 */
public final class ResultsEvents {
    public static final String HEADER = "nightshift-event";
    public static final String CALL_STARTED = "call-started";

    private ResultsEvents() {}

    public static boolean isCallStarted(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        return header != null && CALL_STARTED.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static byte[] callStartedValue() {
        return CALL_STARTED.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A record on {@code nightshift.retry} that is a dead-lettered lane request handed on to the router owning its
     * tenant, not a failed attempt.
     */
    public static final String DEAD_LETTER = "dead-letter";

    public static boolean isDeadLetter(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        return header != null && DEAD_LETTER.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static byte[] deadLetterValue() {
        return DEAD_LETTER.getBytes(StandardCharsets.UTF_8);
    }
}
