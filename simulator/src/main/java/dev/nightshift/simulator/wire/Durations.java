package dev.nightshift.simulator.wire;

import java.math.BigDecimal;
import java.time.Duration;

/** The duration spellings the providers use on the wire. */
public final class Durations {
    private Durations() {}

    /** Go's {@code time.Duration.String()} at millisecond precision, as OpenAI's reset headers: 12ms, 1s, 6m0s, 51.189s. */
    public static String go(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms % 3_600_000 / 60_000;
        long secMs = ms % 60_000;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(seconds(secMs)).append('s').toString();
    }

    /** A protobuf Duration in JSON, as Gemini's {@code RetryInfo.retryDelay}: 58s, 0.54s. */
    public static String protobuf(Duration d) {
        return seconds(Math.max(0, d.toMillis())) + "s";
    }

    /** Whole seconds rounded up, as {@code retry-after}. */
    public static long ceilSeconds(Duration d) {
        long ms = Math.max(0, d.toMillis());
        return (ms + 999) / 1000;
    }

    private static String seconds(long ms) {
        return BigDecimal.valueOf(ms).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
