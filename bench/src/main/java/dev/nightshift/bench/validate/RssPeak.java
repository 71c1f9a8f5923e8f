package dev.nightshift.bench.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident memory of this JVM and every process below it (test JVMs, sandboxes, Maven), summed, from
 * {@code /proc/<pid>/status} every 100 ms. Samples are credited to whichever phase is current, so two passes
 * that take turns get one peak each.
 */
final class RssPeak implements AutoCloseable {
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private final long[] peakKb;
    private volatile int phase = -1;

    // The sampling runs until close() shuts the sampler down; a failed read counts as 0 kB, never as a failure
    @SuppressWarnings("FutureReturnValueIgnored")
    RssPeak(int phases) {
        this.peakKb = new long[phases];
        sampler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Credits the samples from now on to {@code phase} (-1: to none). */
    void phase(int phase) {
        sample();
        this.phase = phase;
    }

    double peakMb(int phase) {
        synchronized (peakKb) {
            return peakKb[phase] / 1024.0;
        }
    }

    private void sample() {
        int current = phase;
        if (current < 0) {
            return;
        }
        ProcessHandle self = ProcessHandle.current();
        List<ProcessHandle> all = new ArrayList<>(List.of(self));
        all.addAll(self.descendants().toList());
        long kb = 0;
        for (ProcessHandle p : all) {
            kb += rssKb(p.pid());
        }
        synchronized (peakKb) {
            peakKb[current] = Math.max(peakKb[current], kb);
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between listing and reading
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
