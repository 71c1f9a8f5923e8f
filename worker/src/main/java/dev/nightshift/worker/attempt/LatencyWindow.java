package dev.nightshift.worker.attempt;

import java.util.Arrays;

/** The last few call latencies of a lane, for the median in its health record. Not thread-safe. */
public final class LatencyWindow {
    private final long[] ring;
    private int size;
    private int next;

    public LatencyWindow(int capacity) {
        ring = new long[Math.max(1, capacity)];
    }

    public void add(long millis) {
        ring[next] = millis;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The median of the recorded latencies, or 0 when none. */
    public long p50() {
        if (size == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(ring, size);
        Arrays.sort(copy);
        return copy[(size - 1) / 2];
    }
}
