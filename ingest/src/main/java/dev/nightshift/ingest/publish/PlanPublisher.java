package dev.nightshift.ingest.publish;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.ingest.plan.PlannedRun;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a planned run: the plan to {@link Topics#RUNS} (acknowledged before anything else, so the sink
 * knows the run before its first result), then every job, then a flush. A job goes to {@link Topics#JOBS} for the
 * router, except a folder's or the repository's document awaiting its children's, which goes to
 * {@link Topics#DOCS_AWAITING} for the sink to compose (the router routes it once composed). Creates the topics on
 * first use, idempotently (ingest owns them). Thread-safe.
 */
public final class PlanPublisher implements AutoCloseable {
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final String bootstrap;
    private final String clientId;
    private Producer<String, byte[]> producer;
    private volatile boolean topicsReady;

    /** Connects on first publish, so that a service that only meets bad input never touches Kafka. */
    public PlanPublisher(String bootstrap, String clientId) {
        this.bootstrap = bootstrap;
        this.clientId = clientId;
    }

    public void publish(PlannedRun run) {
        publish(run, jobId -> true, 0);
    }

    /**
     * Publishes the plan and those of its jobs {@code publishJob} accepts, as jobs of the run's {@code generation}
     * (a resume publishes the unfinished jobs again, one generation on).
     */
    // A run can hold more jobs than is worth keeping futures for: each send's callback records a failure instead.
    @SuppressWarnings("FutureReturnValueIgnored")
    public void publish(PlannedRun run, java.util.function.Predicate<String> publishJob, int generation) {
        Producer<String, byte[]> producer = ensureReady();
        String runId = run.plan().runId();
        String tenantKey = RecordKeys.tenant(run.plan().tenant());
        await(
                producer.send(
                        new ProducerRecord<>(Topics.RUNS, tenantKey, MessageCodec.RUN_PLANNED.encode(run.plan()))),
                "the plan of run " + runId);
        AtomicReference<Exception> failure = new AtomicReference<>();
        run.jobs().replay((jobId, encoded) -> {
            if (failure.get() == null && publishJob.test(jobId)) {
                String topic = run.jobs().awaitingChildren(jobId) ? Topics.DOCS_AWAITING : Topics.JOBS;
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, tenantKey, encoded);
                Generations.put(record.headers(), generation);
                producer.send(record, (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        });
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "cannot publish the jobs of run " + runId + " to Kafka at " + bootstrap + ": "
                            + failure.get().getMessage(),
                    failure.get());
        }
    }

    /** Publishes a plan without jobs (a rejected request). */
    public void publishPlanOnly(RunPlanned plan) {
        Producer<String, byte[]> producer = ensureReady();
        await(
                producer.send(new ProducerRecord<>(
                        Topics.RUNS, RecordKeys.tenant(plan.tenant()), MessageCodec.RUN_PLANNED.encode(plan))),
                "the plan of run " + plan.runId());
    }

    private synchronized Producer<String, byte[]> ensureReady() {
        if (!topicsReady) {
            try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, clientId + "-admin"))) {
                TopicAdmin.ensureFromTable(admin, Topics.RUNS, Topics.JOBS, Topics.DOCS_AWAITING);
            }
            topicsReady = true;
        }
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, clientId));
        }
        return producer;
    }

    private void await(java.util.concurrent.Future<?> send, String what) {
        try {
            send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot publish " + what + " to Kafka at " + bootstrap + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrap + " did not acknowledge " + what + " within " + SEND_TIMEOUT_SECONDS + " s",
                    e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
