package dev.nightshift.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap in use while something ran: the heap pools' peaks since {@link #reset()}, summed. It is an
 * upper bound (garbage not yet collected counts), so compare it between sizes run in the same JVM, and read
 * a run under a smaller {@code -Xmx} as the proof that the work fits.
 */
public final class HeapPeak {
    private HeapPeak() {
    }

    /** Collects garbage, then starts a new peak from what is live now. */
    public static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    public static long bytesSinceReset() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
