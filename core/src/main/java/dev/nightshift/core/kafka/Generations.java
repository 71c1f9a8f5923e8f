package dev.nightshift.core.kafka;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The generation of a job record ({@link dev.nightshift.core.run.RunControl}) travels as a Kafka header, so the job's own message stays what
 * it is: absent means generation 0, the run's first plan.
 */
public final class Generations {
    /** The header's name on {@code nightshift.jobs} and lane records. */
    public static final String HEADER = "nightshift-generation";

    private Generations() {}

    /** The generation in these headers; 0 when there is none or it cannot be read. */
    public static int of(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        if (h == null || h.value() == null || h.value().length != Integer.BYTES) {
            return 0;
        }
        return Math.max(0, ByteBuffer.wrap(h.value()).getInt());
    }

    /** Adds the generation to outgoing headers; generation 0 adds nothing (records look as they always did). */
    public static void put(Headers headers, int generation) {
        if (generation > 0) {
            headers.remove(HEADER);
            headers.add(
                    HEADER,
                    ByteBuffer.allocate(Integer.BYTES).putInt(generation).array());
        }
    }
}
