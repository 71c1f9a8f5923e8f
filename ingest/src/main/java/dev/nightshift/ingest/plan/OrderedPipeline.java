package dev.nightshift.ingest.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs per-file work (decoding, the secret guard, tokenising, splitting) on worker threads while keeping
 * the results in submission order: each piece of work returns an action, and actions run on the
 * submitting thread in the order the work was submitted. At most {@code window} pieces are in flight, so
 * memory stays bounded (a window of files, never the repository) and plans stay deterministic.
 */
final class OrderedPipeline implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExecutorService pool;
    private final Deque<Future<Runnable>> inFlight = new ArrayDeque<>();
    private final int window;

    OrderedPipeline(int threads, int window) {
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "nightshift-ingest-prepare-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.window = Math.max(1, window);
    }

    /** Runs {@code work} on a worker; the action it returns runs later on this thread, in order. */
    void submit(Callable<Runnable> work) {
        inFlight.add(pool.submit(work));
        while (inFlight.size() > window) {
            runNext();
        }
    }

    /** An action with no work to do first; it still waits for its turn. */
    void then(Runnable action) {
        inFlight.add(CompletableFuture.completedFuture(action));
        while (inFlight.size() > window) {
            runNext();
        }
    }

    /** Runs every pending action, in order. */
    void drain() {
        while (!inFlight.isEmpty()) {
            runNext();
        }
    }

    private void runNext() {
        Future<Runnable> next = inFlight.poll();
        Runnable action;
        try {
            action = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("planning failed: " + e.getCause(), e.getCause());
        }
        action.run();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
