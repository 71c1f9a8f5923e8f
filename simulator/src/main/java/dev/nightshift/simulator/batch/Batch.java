package dev.nightshift.simulator.batch;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One batch and its life on the simulator's clock. The provider queues it for a tenth of its turnaround, then runs its
 * items one after another until 95 % of the turnaround, finishes, and ends at the turnaround — unless its window closes
 * first (or some items are drawn never to be reached: then it runs until the window closes), it is cancelled (the items
 * not yet run are cancelled after a short grace), or it was invalid (it fails when queuing ends). Nothing runs on a
 * timer: {@link #advance} runs the items that are due by {@code now}, so a faster clock makes the whole life faster.
 * Thread-safe.
 */
public final class Batch {
    /** Where a batch is in its life; each protocol names these states its own way. */
    public enum Phase {
        QUEUED,
        RUNNING,
        FINISHING,
        COMPLETED,
        FAILED,
        EXPIRED,
        CANCELLING,
        CANCELLED;

        public boolean ended() {
            return this == COMPLETED || this == FAILED || this == EXPIRED || this == CANCELLED;
        }
    }

    /** An item with what became of it (never {@code null} in a view). */
    public record Result(BatchItem item, ItemOutcome outcome) {}

    /**
     * A batch as seen at one instant.
     *
     * @param results the items that have an outcome, in the shuffled order the provider reports them in
     */
    public record View(
            Batch batch,
            Phase phase,
            Instant now,
            int total,
            int answered,
            int errored,
            int expired,
            int cancelled,
            List<Result> results) {
        public int pending() {
            return total - answered - errored - expired - cancelled;
        }

        /** When the phase was entered ({@code null} for one not reached). */
        public Instant runningAt() {
            return now.isBefore(batch.queuedUntil) || batch.invalid() ? null : batch.queuedUntil;
        }

        public Instant finishingAt() {
            return phase == Phase.FINISHING || phase == Phase.COMPLETED ? batch.finishingAt : null;
        }

        public Instant endedAt() {
            return phase.ended() ? batch.endsAt() : null;
        }
    }

    private final String id;
    private final String provider;
    private final String model;
    private final Instant created;
    private final Instant queuedUntil;
    private final Instant finishingAt;
    private final Instant completesAt;
    private final Instant expiresAt;
    private final List<BatchItem> items;
    private final Instant[] due;
    private final boolean[] unreached;
    private final ItemOutcome[] outcomes;
    private final List<Integer> reportOrder;
    private final List<String> problems;
    private final JsonObject attributes;
    private final Duration cancelGrace;
    private Instant cancelAt;
    private boolean settled;

    /**
     * @param problems    why the batch as a whole is invalid (it fails after queuing), empty if it is valid
     * @param attributes  what the protocol keeps with the batch (input file, metadata, display name)
     * @param cancelGrace how long a cancelled batch takes to stop
     */
    Batch(
            String id,
            String provider,
            String model,
            Instant created,
            BatchSettings settings,
            List<BatchItem> items,
            List<String> problems,
            JsonObject attributes,
            Duration cancelGrace,
            long seed) {
        this.id = id;
        this.provider = provider;
        this.model = model;
        this.created = created;
        Duration turnaround = settings.turnaround();
        this.queuedUntil = created.plus(turnaround.dividedBy(10));
        this.finishingAt = created.plus(turnaround.multipliedBy(95).dividedBy(100));
        this.completesAt = created.plus(turnaround);
        this.expiresAt = created.plus(settings.window());
        this.items = List.copyOf(items);
        this.problems = List.copyOf(problems);
        this.attributes = attributes.copy();
        this.cancelGrace = cancelGrace;
        int n = items.size();
        this.due = new Instant[n];
        this.unreached = new boolean[n];
        this.outcomes = new ItemOutcome[n];
        Duration running = Duration.between(queuedUntil, finishingAt);
        for (int i = 0; i < n; i++) {
            due[i] = queuedUntil.plus(running.multipliedBy(i + 1L).dividedBy(n));
            unreached[i] = settings.expireRate() > 0
                    && Draws.draw(seed, id, items.get(i).key(), "expire") < settings.expireRate();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // Providers return results in no particular order; clients must join on keys.
        Collections.shuffle(order, new Random(seed ^ id.hashCode()));
        this.reportOrder = List.copyOf(order);
    }

    public String id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    /** The model of the whole batch (Gemini), or {@code null}. */
    public String model() {
        return model;
    }

    public Instant created() {
        return created;
    }

    /** The end of the completion window. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public List<String> problems() {
        return problems;
    }

    public JsonObject attributes() {
        return attributes.copy();
    }

    public boolean invalid() {
        return !problems.isEmpty();
    }

    /** When cancelling began, or {@code null}. */
    public synchronized Instant cancelledAt() {
        return cancelAt;
    }

    /** Whether the batch will end expired: its window is shorter than its turnaround, or an item is never reached. */
    private boolean expiring() {
        if (expiresAt.isBefore(completesAt)) {
            return true;
        }
        for (boolean u : unreached) {
            if (u) {
                return true;
            }
        }
        return false;
    }

    private synchronized Instant endsAt() {
        if (invalid()) {
            return queuedUntil;
        }
        if (cancelAt != null) {
            return cancelAt.plus(cancelGrace);
        }
        return expiring() ? expiresAt : completesAt;
    }

    /** Runs the items due by {@code now} (each once), and settles the ones left when the batch has ended. */
    synchronized void advance(Instant now, ItemRunner runner) {
        if (invalid() || settled) {
            return;
        }
        Instant limit = cancelAt != null ? cancelAt : expiresAt;
        if (now.isBefore(limit)) {
            limit = now;
        }
        for (int i = 0; i < items.size(); i++) {
            if (outcomes[i] == null && !unreached[i] && !due[i].isAfter(limit)) {
                BatchItem item = items.get(i);
                outcomes[i] = item.invalid() != null
                        ? new ItemOutcome.Errored(item.invalid(), null)
                        : runner.run(provider, id, item);
            }
        }
        if (!now.isBefore(endsAt())) {
            for (int i = 0; i < items.size(); i++) {
                if (outcomes[i] == null) {
                    outcomes[i] = cancelAt != null ? new ItemOutcome.Cancelled() : new ItemOutcome.Expired();
                }
            }
            settled = true;
        }
    }

    /**
     * Starts cancelling at {@code now}: the items already run stay answered, the rest are cancelled when the grace ends.
     *
     * @return false when the batch has already ended (or is already cancelling)
     */
    synchronized boolean cancel(Instant now) {
        if (cancelAt != null || !now.isBefore(endsAt())) {
            return false;
        }
        cancelAt = now;
        return true;
    }

    synchronized View view(Instant now) {
        int answered = 0;
        int errored = 0;
        int expired = 0;
        int cancelled = 0;
        List<Result> results = new ArrayList<>();
        for (int i : reportOrder) {
            ItemOutcome o = outcomes[i];
            if (o == null) {
                continue;
            }
            results.add(new Result(items.get(i), o));
            if (o instanceof ItemOutcome.Answered) {
                answered++;
            } else if (o instanceof ItemOutcome.Errored) {
                errored++;
            } else if (o instanceof ItemOutcome.Expired) {
                expired++;
            } else {
                cancelled++;
            }
        }
        return new View(
                this, phase(now), now, items.size(), answered, errored, expired, cancelled, List.copyOf(results));
    }

    private Phase phase(Instant now) {
        boolean ended = !now.isBefore(endsAt());
        if (invalid()) {
            return ended ? Phase.FAILED : Phase.QUEUED;
        }
        if (cancelAt != null) {
            return ended ? Phase.CANCELLED : Phase.CANCELLING;
        }
        if (ended) {
            return expiring() ? Phase.EXPIRED : Phase.COMPLETED;
        }
        if (now.isBefore(queuedUntil)) {
            return Phase.QUEUED;
        }
        return !expiring() && !now.isBefore(finishingAt) ? Phase.FINISHING : Phase.RUNNING;
    }
}
