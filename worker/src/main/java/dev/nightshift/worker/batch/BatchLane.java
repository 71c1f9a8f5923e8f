package dev.nightshift.worker.batch;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.worker.attempt.AttemptOutcomes;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.lane.RunStops;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * One provider's batch lane on this worker: a {@link BatchCollector} thread reading {@code nightshift.batch-lane.<p>}
 * in the provider's batch group, and the {@link BatchTracker} that takes its batches to their end on the worker's
 * context.
 */
public final class BatchLane {
    private final BatchCollector collector;
    private final BatchTracker tracker;
    private final Thread thread;

    /** The parts a batch lane is made of, from the worker that runs it. */
    public record Parts(
            Vertx vertx,
            Context context,
            String bootstrap,
            String clientId,
            BatchClient client,
            BatchStore store,
            ResultPublisher publisher,
            AttemptOutcomes outcomes,
            RunStops stops,
            TimeScale time,
            Duration shutdownGrace,
            WorkerEvents events) {}

    public BatchLane(String provider, NightshiftConfig config, Parts parts) {
        this.tracker = new BatchTracker(
                parts.vertx(),
                parts.context(),
                provider,
                config,
                parts.client(),
                parts.store(),
                parts.outcomes(),
                parts.stops(),
                parts.time(),
                parts.events());
        this.collector = new BatchCollector(
                provider,
                config,
                KafkaClientProps.consumer(parts.bootstrap(), parts.clientId(), Topics.batchGroup(provider)),
                Topics.batchLane(provider),
                parts.context(),
                tracker,
                parts.store(),
                parts.publisher(),
                parts.outcomes(),
                parts.stops(),
                parts.time(),
                parts.shutdownGrace());
        this.thread = new Thread(collector, parts.clientId());
        thread.setDaemon(true);
        parts.events().batchLaneStarted(provider);
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        collector.stop();
    }

    /** Waits for the collector to let the lane go. */
    public void join(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
    }

    /** Batches taken up and not yet ended; for tests. */
    public int batchesInFlight() {
        return tracker.tracked();
    }
}
