package dev.nightshift.sink.consume;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.ResultsEvents;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cache.CacheEntry;
import dev.nightshift.sink.cache.CachePublisher;
import dev.nightshift.sink.docs.DocsComposer;
import dev.nightshift.sink.docs.PendingDoc;
import dev.nightshift.sink.metrics.SinkEvents;
import dev.nightshift.sink.routing.RoutingStatsPublisher;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sinkapi.query.RunStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the sink's Kafka consumer on one dedicated thread (the consumer is not thread-safe). Each poll's
 * records are applied in one atomic, synced batch; only then are the offsets committed, so a crash
 * between the two redelivers records the store already has, and the applier's idempotence makes that
 * harmless. A batch that cannot be written is retried from the same offsets after a pause.
 * Subscribes by pattern to the runs, results, run-control and awaiting-documents topics and to every lane's
 * dead-letter topic; not to the jobs: what it keeps of a job comes with the job's events.
 */
public final class SinkConsumer implements AutoCloseable {
    /**
     * Runs, results, run control, documents awaiting their children's, and the broker's dead-letter copies of lane
     * requests ({@code dlq.nightshift.lane.*}).
     */
    public static final Pattern TOPICS =
            Pattern.compile(Pattern.quote(Topics.RUNS) + "|" + Pattern.quote(Topics.RESULTS)
                    + "|" + Pattern.quote(Topics.DOCS_AWAITING) + "|" + Pattern.quote(Topics.RUN_CONTROL)
                    + "|" + Pattern.quote(Topics.DLQ_PREFIX + "nightshift.lane.") + "[a-z0-9-]+");

    private static final Logger LOG = LoggerFactory.getLogger(SinkConsumer.class);
    private static final String DLQ_MESSAGE_HEADER = "__dlq.errors.message";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_PAUSE_MS = 1_000;

    private final Properties props;
    private final BatchApplier applier;
    private final SinkEvents events;
    private final Function<String, RunStatus> runStatus;
    private final CachePublisher cachePublisher;
    private final List<CacheEntry> toAnnounce = new ArrayList<>();
    private final Set<PendingDoc> docsToCheck = new LinkedHashSet<>();
    private final List<RoutingCell> routingCells = new ArrayList<>();
    private volatile RoutingStatsPublisher routingPublisher;
    private volatile DocsComposer composer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong unappliable = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public SinkConsumer(String bootstrap, String groupId, BatchApplier applier) {
        this(bootstrap, groupId, applier, SinkEvents.NONE, runId -> null);
    }

    /**
     * @param runStatus reads a run's status after a batch touched it, for the run gauges ({@code null} = skip)
     */
    public SinkConsumer(
            String bootstrap,
            String groupId,
            BatchApplier applier,
            SinkEvents events,
            Function<String, RunStatus> runStatus) {
        this(bootstrap, groupId, applier, events, runStatus, null);
    }

    /**
     * @param cachePublisher announces the artifacts a batch cached, after the batch is durable and before its
     *                       offsets are committed ({@code null} = announce nothing)
     */
    public SinkConsumer(
            String bootstrap,
            String groupId,
            BatchApplier applier,
            SinkEvents events,
            Function<String, RunStatus> runStatus,
            CachePublisher cachePublisher) {
        this.cachePublisher = cachePublisher;
        this.props = KafkaClientProps.consumer(bootstrap, "nightshift-sink", groupId);
        // A dead-letter topic created after we subscribed should be noticed within seconds, not the default 5 min.
        this.props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        this.applier = applier;
        this.events = events;
        this.runStatus = runStatus;
        this.thread = new Thread(this::run, "sink-consumer");
        this.thread.setDaemon(true);
    }

    /** Composes folder and repository documents once their children's exist (none: documents are not composed). */
    public SinkConsumer composingDocs(DocsComposer docsComposer) {
        this.composer = docsComposer;
        return this;
    }

    /** Publishes the routing statistics cells each durable batch changed (none: they stay in the store only). */
    public SinkConsumer publishingRoutingStats(RoutingStatsPublisher publisher) {
        this.routingPublisher = publisher;
        return this;
    }

    public void start() {
        thread.start();
    }

    /** True once the consumer has joined and polled; what {@code /health/ready} reports. */
    public boolean ready() {
        return polling && thread.isAlive();
    }

    public long appliedRecords() {
        return applied.get();
    }

    /** Records skipped because they could not be decoded or applied. */
    public long skippedRecords() {
        return undecodable.get() + unappliable.get();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            if (composer != null) {
                composer.recover();
            }
            c.subscribe(TOPICS);
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                polling = true;
                if (!records.isEmpty()) {
                    handle(c, records);
                }
                reportLag(c);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.atError().setCause(e).log("sink consumer woken up unexpectedly");
            }
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("sink consumer stopped on an error; restart the sink");
        } finally {
            polling = false;
            stopped.countDown();
        }
    }

    private void handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<Incoming> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            next.put(tp, new OffsetAndMetadata(r.offset() + 1));
            Incoming in = decode(r);
            if (in != null) {
                batch.add(in);
            }
        }
        try {
            applyBatch(batch);
        } catch (StoreException e) {
            LOG.atError()
                    .setCause(e)
                    .addKeyValue("records", batch.size())
                    .log("cannot store a batch; retrying it from the same offsets");
            first.forEach(c::seek);
            toAnnounce.clear();
            docsToCheck.clear();
            routingCells.clear();
            pause();
            return;
        }
        if (cachePublisher != null) {
            cachePublisher.publish(toAnnounce);
        }
        toAnnounce.clear();
        if (routingPublisher != null) {
            routingPublisher.publish(routingCells);
        }
        routingCells.clear();
        if (composer != null) {
            composer.composeReady(docsToCheck);
        }
        docsToCheck.clear();
        try {
            c.commitSync(next);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The batch is durable; a redelivery after a failed commit writes nothing twice.
            LOG.atWarn().setCause(e).log("offset commit failed after the batch was stored; records may be redelivered");
        }
    }

    /**
     * Applies the batch at once; if one record cannot be applied (a bug or a record that breaks an
     * invariant, not a store failure), applies them one by one so that only that record is skipped.
     */
    private void applyBatch(List<Incoming> batch) {
        try {
            durable(applier.apply(batch));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Incoming in : batch) {
                try {
                    durable(applier.apply(List.of(in)));
                } catch (StoreException se) {
                    throw se;
                } catch (RuntimeException poison) {
                    unappliable.incrementAndGet();
                    LOG.atError()
                            .setCause(poison)
                            .addKeyValue("kind", in.getClass().getSimpleName())
                            .log("skipping a record the sink cannot apply");
                }
            }
        }
    }

    /** The batch is on disk: count it and tell the metrics. */
    private void durable(BatchApplier.Applied result) {
        applied.addAndGet(result.applied());
        toAnnounce.addAll(result.cached());
        docsToCheck.addAll(result.docsToCheck());
        routingCells.addAll(result.routingCells());
        try {
            result.emit(events, runStatus);
        } catch (RuntimeException e) {
            // metrics must never stop the ledger
            LOG.atWarn().setCause(e).log("cannot update the sink's metrics");
        }
    }

    private void reportLag(KafkaConsumer<String, byte[]> c) {
        long lag = 0;
        for (TopicPartition tp : c.assignment()) {
            lag += c.currentLag(tp).orElse(0);
        }
        events.consumerLag(lag);
    }

    private Incoming decode(ConsumerRecord<String, byte[]> r) {
        try {
            if (Topics.RUNS.equals(r.topic())) {
                return new Incoming.Plan(MessageCodec.RUN_PLANNED.decode(r.value()));
            }
            if (Topics.RESULTS.equals(r.topic()) && ResultsEvents.isCallStarted(r.headers())) {
                return new Incoming.Call(MessageCodec.CALL_STARTED.decode(r.value()));
            }
            if (Topics.RESULTS.equals(r.topic())) {
                return new Incoming.Event(MessageCodec.JOB_EVENT.decode(r.value()));
            }
            if (Topics.DOCS_AWAITING.equals(r.topic())) {
                return new Incoming.DocAwaitingChildren(MessageCodec.JOB.decode(r.value()));
            }
            if (Topics.RUN_CONTROL.equals(r.topic())) {
                return r.value() == null ? null : new Incoming.Control(MessageCodec.RUN_CONTROL.decode(r.value()));
            }
            return new Incoming.DeadLetter(
                    MessageCodec.LANE_REQUEST.decode(r.value()),
                    header(r, DLQ_MESSAGE_HEADER),
                    Instant.ofEpochMilli(r.timestamp()));
        } catch (RuntimeException e) {
            // Never log the value: it may hold source text.
            undecodable.incrementAndGet();
            LOG.atError()
                    .addKeyValue("topic", r.topic())
                    .addKeyValue("partition", r.partition())
                    .addKeyValue("offset", r.offset())
                    .addKeyValue("error", e.getMessage())
                    .log("skipping a record the sink cannot decode");
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void pause() {
        try {
            stopped.await(RETRY_PAUSE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops polling, closes the consumer (leaving the group) and waits for the thread. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.atWarn().log("sink consumer did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
