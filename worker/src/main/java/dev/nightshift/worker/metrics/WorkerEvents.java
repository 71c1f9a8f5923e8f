package dev.nightshift.worker.metrics;

import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.worker.quota.Dimension;
import java.time.Duration;
import java.util.List;

/**
 * What the worker tells its metrics as it works. Called on a lane's Vert.x context (never blocked by an
 * implementation) except {@link #laneBacklog}, which comes from the Admin API's answer. {@link #NONE}
 * ignores everything; {@link MicrometerWorkerEvents} turns the events into the catalogue's meters.
 */
public interface WorkerEvents {
    WorkerEvents NONE = new WorkerEvents() {};

    /** A lane starts: the provider's configured models and the limits it knows of (to register zeroes). */
    default void laneStarted(String provider, ProviderConfig config) {}

    /** The worker took up a job's first attempt for the first time (the job entered {@code running}). */
    default void jobStarted(Job job) {}

    /** A call is being sent to the provider. */
    default void callStarted(String provider) {}

    /** A call to the provider ended (answered, failed, or timed out); fail-fast refusals are no calls. */
    default void callEnded(CallEnded call) {}

    /** The provider answered 429; the lane pauses for {@code pause} (its retry-after, or our escalation). */
    default void rateLimited(String provider, String model, Duration pause) {}

    /**
     * The provider answered out of credit or quota (402, billing, a spent quota) and is paused for a run: no further
     * call of that run goes to it. Told once per run; the run id stays out of the meters (it is no bounded tag).
     */
    default void providerPaused(String provider) {}

    /** A call waited {@code waited} for quota before it was let through; {@code binding} held it last. */
    default void quotaWaited(String provider, Dimension binding, Duration waited) {}

    /** The provider's quota figures as this replica now sees them. */
    default void quota(String provider, List<QuotaFigure> figures) {}

    /** The provider's circuit is now in {@code state} on this replica. */
    default void circuit(String provider, ProviderHealth.Circuit state) {}

    /** Lane records not yet acknowledged (share-group lag); -1 when the broker did not say. */
    default void laneBacklog(String provider, long records) {}

    /** A provider's batch lane starts (to register its batch meters at zero). */
    default void batchLaneStarted(String provider) {}

    /**
     * The provider's batches as this replica now holds them: {@code open} submitted and not ended, {@code itemsWaiting}
     * requests collected or submitted whose results have not come back.
     */
    default void batches(String provider, int open, int itemsWaiting) {}

    /**
     * A provider batch ended {@code state} ({@link #BATCH_END_STATES}) {@code turnaround} after it was submitted.
     */
    default void batchEnded(String provider, String state, Duration turnaround) {}

    /** How a provider batch can end, whatever the provider's own word for it. */
    List<String> BATCH_END_STATES = List.of("completed", "expired", "cancelled", "failed");
}
