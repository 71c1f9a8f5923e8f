package dev.nightshift.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak heap a piece of work needs. Two figures:
 * <ul>
 *   <li>{@link #liveBytes()}: the highest heap in use <em>right after a full collection</em> while the work
 *   ran — what it kept alive. Full collections are forced every {@code sampleEvery} (and any the JVM makes on
 *   its own count too; young ones do not, since they leave the old generation's garbage in place, which made
 *   the figure depend on when the JVM chose to collect). This is the figure to compare between sizes: it is
 *   neither the {@code -Xmx} reservation nor the young generation's size, which G1 grows with a run's length
 *   and allocation rate;</li>
 *   <li>{@link #poolPeakBytes()}: the heap pools' peaks summed — an upper bound that counts garbage not yet
 *   collected and the young generation's capacity (the figure this harness used to report). Biased upwards
 *   for long runs, since eden and survivor peaks are reached at different times and G1 sizes eden to the
 *   run.</li>
 * </ul>
 * Forcing collections slows the work down, so time it in a separate pass.
 */
public final class HeapPeak implements AutoCloseable {
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private final AtomicLong live = new AtomicLong();
    private final long baseline;
    private final List<Registration> registrations = new ArrayList<>();
    private final ScheduledExecutorService sampler;

    private record Registration(NotificationEmitter emitter, NotificationListener listener) {}

    // The forced collections run until close() shuts the sampler down; System.gc() has no failure to report
    @SuppressWarnings("FutureReturnValueIgnored")
    private HeapPeak(Duration sampleEvery) {
        System.gc();
        baseline = usedNow();
        live.set(baseline);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                registrations.add(new Registration(emitter, listener));
            }
        }
        sampler = sampleEvery == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "heap-peak-sampler");
                    t.setDaemon(true);
                    return t;
                });
        if (sampler != null) {
            // Each forced collection is reported through the notification, with the pools' exact usage after it.
            sampler.scheduleWithFixedDelay(
                    System::gc, sampleEvery.toMillis(), sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Collects garbage, takes what is live now as the baseline, and watches collections until {@link #close()}.
     *
     * @param sampleEvery how often to force a collection, or {@code null} to count only the JVM's own
     */
    public static HeapPeak start(Duration sampleEvery) {
        return new HeapPeak(sampleEvery);
    }

    /** The most heap in use after a full collection since {@link #start} (the baseline included). */
    public long liveBytes() {
        return live.get();
    }

    /** Heap in use after the collection at {@link #start}: what was live before the work. */
    public long baselineBytes() {
        return baseline;
    }

    /** The heap pools' peaks since {@link #start}, summed: an upper bound, garbage and eden capacity included. */
    public long poolPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Registration r : registrations) {
            try {
                r.emitter().removeNotificationListener(r.listener());
            } catch (javax.management.ListenerNotFoundException ignored) {
                // Already gone.
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!info.getGcAction().contains("major")) {
            // A young collection leaves the old generation's garbage in place: its "after" is not what is live.
            return;
        }
        long used = 0;
        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(entry.getKey())) {
                used += entry.getValue().getUsed();
            }
        }
        live.accumulateAndGet(used, Math::max);
    }

    private static long usedNow() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
