package dev.nightshift.simulator.batch;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every batch the simulated providers accepted, on the simulator's clock. Reading a batch first runs the items that are
 * due, so what a client sees never lags the clock; {@link #advanceAll} does the same for every open batch (the server
 * calls it periodically, and before the bill is read, so items are billed when they run whether or not anyone polls).
 * Thread-safe.
 */
public final class BatchStore {
    private final InstantSource clock;
    private final ItemRunner runner;
    private final long seed;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();

    public BatchStore(InstantSource clock, ItemRunner runner, long seed) {
        this.clock = clock;
        this.runner = runner;
        this.seed = seed;
    }

    /**
     * Accepts a batch.
     *
     * @param idPrefix    {@code batch_}, {@code msgbatch_} or {@code batches/}
     * @param model       the model of the whole batch (Gemini), or {@code null}
     * @param problems    why it is invalid as a whole (it will fail), or empty
     * @param cancelGrace how long cancelling takes before the batch ends
     */
    public Batch create(
            String provider,
            String idPrefix,
            String model,
            List<BatchItem> items,
            List<String> problems,
            BatchSettings settings,
            JsonObject attributes,
            Duration cancelGrace) {
        String id = idPrefix + "sim" + String.format("%012d", ids.incrementAndGet());
        Batch batch = new Batch(
                id, provider, model, clock.instant(), settings, items, problems, attributes, cancelGrace, seed);
        batches.put(key(provider, id), batch);
        return batch;
    }

    public Optional<Batch> find(String provider, String id) {
        return Optional.ofNullable(batches.get(key(provider, id)));
    }

    /** A provider's batches, newest first. */
    public List<Batch> list(String provider) {
        return batches.values().stream()
                .filter(b -> b.provider().equals(provider))
                .sorted(Comparator.comparing(Batch::created)
                        .thenComparing(Batch::id)
                        .reversed())
                .toList();
    }

    /** The batch now, after running what is due. */
    public Batch.View view(Batch batch) {
        var now = clock.instant();
        batch.advance(now, runner);
        return batch.view(now);
    }

    /**
     * Cancels a batch that has not ended: what has run stays, the rest is cancelled.
     *
     * @return the batch after the cancel, or empty if it had already ended or was cancelling
     */
    public Optional<Batch.View> cancel(Batch batch) {
        var now = clock.instant();
        batch.advance(now, runner);
        if (!batch.cancel(now)) {
            return Optional.empty();
        }
        batch.advance(now, runner);
        return Optional.of(batch.view(now));
    }

    /** Runs every open batch's due items. */
    public void advanceAll() {
        var now = clock.instant();
        for (Batch b : batches.values()) {
            b.advance(now, runner);
        }
    }

    /** The simulator's clock, which every batch lives on. */
    public InstantSource clock() {
        return clock;
    }

    /** Forgets every batch (tests). */
    public void clear() {
        batches.clear();
    }

    private static String key(String provider, String id) {
        return provider + "\u0000" + id;
    }
}
