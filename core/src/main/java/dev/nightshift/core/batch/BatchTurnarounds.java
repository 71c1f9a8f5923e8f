package dev.nightshift.core.batch;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.provider.ServiceTier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How long each provider's batches take, as seen: the router from the attempts of batch items ({@code finishedAt −
 * startedAt} of every {@link ServiceTier#BATCH} attempt on the results), a worker from the batches it took to their end;
 * the 90th percentile of the last {@value #WINDOW}; before any was seen, the provider's
 * {@code batch.expectedTurnaroundMinutes}.
 *
 * <p>Why a high percentile and not a mean: the figure decides whether a job can still meet its run's deadline, and a
 * job sent to a batch that comes back late misses it, while one sent synchronously only costs the batch discount. A
 * mean would send half the jobs to batches slower than it; the 90th percentile follows a provider that slows down within
 * a few batches (one slow batch in ten moves it) and forgets an old slow spell once {@value #WINDOW} newer items came
 * back. The items of one batch share its turnaround, so a large batch fills the window with one figure: the latest
 * batch is the best guess of the next one's. Thread-safe: a worker's batches end on its event loop while its collector
 * thread reads the figure.
 */
public final class BatchTurnarounds {
    /** Observations kept per provider. */
    public static final int WINDOW = 50;

    private final NightshiftConfig config;
    private final Map<String, Deque<Duration>> observed = new HashMap<>();

    public BatchTurnarounds(NightshiftConfig config) {
        this.config = config;
    }

    /** Takes an attempt's turnaround if it was a batch item that says when it was submitted and when it ended. */
    public void observe(AttemptResult attempt) {
        if (attempt.serviceTier() != ServiceTier.BATCH
                || attempt.provider() == null
                || attempt.startedAt() == null
                || attempt.finishedAt() == null
                || attempt.finishedAt().isBefore(attempt.startedAt())) {
            return;
        }
        observe(attempt.provider(), Duration.between(attempt.startedAt(), attempt.finishedAt()));
    }

    /** Takes one batch's turnaround: from its submission to its end. */
    public synchronized void observe(String provider, Duration turnaround) {
        if (turnaround.isNegative()) {
            return;
        }
        Deque<Duration> window = observed.computeIfAbsent(provider, p -> new ArrayDeque<>());
        window.addLast(turnaround);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
    }

    /** The provider's turnaround to plan with: the observed 90th percentile, else its configured expectation. */
    public synchronized Duration of(String provider) {
        Deque<Duration> window = observed.get(provider);
        if (window == null || window.isEmpty()) {
            return config.provider(provider).batch().expectedTurnaround();
        }
        Duration[] sorted = window.stream().sorted().toArray(Duration[]::new);
        // Nearest rank: the smallest figure at or above 90 % of the observations.
        int rank = (int) Math.ceil(0.9 * sorted.length);
        return sorted[rank - 1];
    }

    /** Whether any of the provider's batch items has been seen to come back. */
    public synchronized boolean observed(String provider) {
        Deque<Duration> window = observed.get(provider);
        return window != null && !window.isEmpty();
    }
}
