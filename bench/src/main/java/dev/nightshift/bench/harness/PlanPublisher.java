package dev.nightshift.bench.harness;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.RunState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;

/** A run handed to the pipeline as ingest hands it over (its plan, then its jobs), and waited for at the sink. */
public final class PlanPublisher {
    private static final Duration POLL = Duration.ofMillis(50);

    private PlanPublisher() {}

    /**
     * The plan on {@code nightshift.runs}, acknowledged, then every job on {@code nightshift.jobs} (a document awaiting
     * its children's on {@code nightshift.docs-awaiting}, for the sink to compose).
     */
    // The jobs' sends are fire and forget: each callback records its failure, thrown after the flush
    @SuppressWarnings("FutureReturnValueIgnored")
    public static void publish(String bootstrap, String clientId, RunPlanned plan, List<Job> jobs) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, clientId))) {
            producer.send(new ProducerRecord<>(
                            Topics.RUNS, RecordKeys.tenant(plan.tenant()), MessageCodec.RUN_PLANNED.encode(plan)))
                    .get(60, TimeUnit.SECONDS);
            for (Job job : jobs) {
                producer.send(
                        new ProducerRecord<>(
                                job.awaitingChildren() ? Topics.DOCS_AWAITING : Topics.JOBS,
                                RecordKeys.tenant(job.tenant()),
                                MessageCodec.JOB.encode(job)),
                        (meta, e) -> failure.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** The run's status once the sink reports it completed. */
    public static RunStatus awaitCompleted(SinkVerticle sink, String runId, int jobs, Duration timeout) {
        AtomicReference<RunStatus> last = new AtomicReference<>();
        Awaitility.await("the sink reports run " + runId + " of " + jobs + " jobs completed")
                .atMost(timeout)
                .pollInterval(POLL)
                .until(() -> {
                    Optional<RunStatus> status =
                            sink.queries().run(runId).map(r -> sink.queries().status(runId, null));
                    status.ifPresent(last::set);
                    return status.isPresent() && status.get().state() == RunState.COMPLETED;
                });
        return last.get();
    }
}
