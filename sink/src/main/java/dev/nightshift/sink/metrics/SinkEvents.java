package dev.nightshift.sink.metrics;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.query.RunStatus;

/**
 * What the sink tells its metrics, always after the batch that caused it is durable (so a retried batch
 * never counts twice). Called from the consumer thread. {@link #NONE} ignores everything.
 */
public interface SinkEvents {
    SinkEvents NONE = new SinkEvents() {};

    /** The lanes whose dead letters the sink watches, so that their counters start at 0. */
    default void lanes(java.util.Collection<String> providers) {}

    /**
     * The models that may write tests ({@code provider → model ids}), so that the meters a pass-rate panel divides
     * by exist at 0 before the first test is judged.
     */
    default void testModels(java.util.Map<String, ? extends java.util.Collection<String>> modelsByProvider) {}

    /**
     * An attempt of a test job was recorded (once per attempt).
     *
     * @param verdict the validator's verdict on its test, {@code null} when nothing was validated (a failed call)
     * @param cost    what the attempt cost, exact
     */
    default void testAttempt(String provider, String model, String language, Verdict verdict, Money cost) {}

    /** A job of a run reached a terminal state (once per job and run). */
    default void jobEnded(String runId, JobState state, TaskType task, String tenant) {}

    /** An attempt of a run failed (billed or not). */
    default void attemptFailed(String runId, FailureClass failureClass) {}

    /** The broker dead-lettered a record of this provider's lane. */
    default void deadLettered(String provider) {}

    /** Records the sink's consumer group has not consumed yet. */
    default void consumerLag(long records) {}

    /** A run changed; its current status. */
    default void runProgress(RunStatus status) {}
}
