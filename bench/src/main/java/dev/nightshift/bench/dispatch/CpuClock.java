package dev.nightshift.bench.dispatch;

import java.lang.management.ManagementFactory;

/** CPU time of this whole process (every thread: broker, simulator and services alike), in nanoseconds. */
final class CpuClock {
    private CpuClock() {}

    static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException(
                "this JVM does not report process CPU time; run the benchmark on a HotSpot JDK");
    }
}
