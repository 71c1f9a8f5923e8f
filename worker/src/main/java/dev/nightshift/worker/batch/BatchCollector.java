package dev.nightshift.worker.batch;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.BatchConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.attempt.AttemptOutcomes;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.attempt.WriteAhead;
import dev.nightshift.worker.lane.RunStops;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one provider's batch lane on a thread of its own (a consumer of the provider's batch group: the lane has one
 * partition, so one worker collects at a time) and collects its requests into batches per run and model, sealed when
 * full ({@code maxRequests}, {@code maxBytes}) or when the oldest has waited {@code maxWait}.
 *
 * <p>A batch is sealed durably before anything is sent: its record ({@code collected}) and each member's lane request
 * go to {@code nightshift.batches}, each member's call is written ahead at the batch price, and only then is the
 * lane's offset committed past its requests and the batch handed to the {@link BatchTracker}, which submits it. The
 * offset committed is the lowest one of a request not yet written down, so a worker that dies loses nothing it had
 * only collected: the next one reads it again. When the lane is given to this worker, the batches written down before
 * are read back and taken up.
 */
public final class BatchCollector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final String provider;
    private final NightshiftConfig config;
    private final ProviderConfig providerConfig;
    private final Properties consumerProps;
    private final String topic;
    private final Context context;
    private final BatchTracker tracker;
    private final BatchStore store;
    private final ResultPublisher publisher;
    private final AttemptOutcomes outcomes;
    private final RunStops stops;
    private final TimeScale time;
    private final Duration shutdownGrace;
    private final BatchCalls calls;

    private final Map<Key, Collecting> open = new LinkedHashMap<>();
    private final TreeSet<Long> uncommitted = new TreeSet<>();
    private TopicPartition partition;
    private long nextOffset = -1;
    private long committed = -1;
    private volatile boolean running = true;

    public BatchCollector(
            String provider,
            NightshiftConfig config,
            Properties consumerProps,
            String topic,
            Context context,
            BatchTracker tracker,
            BatchStore store,
            ResultPublisher publisher,
            AttemptOutcomes outcomes,
            RunStops stops,
            TimeScale time,
            Duration shutdownGrace) {
        this.provider = provider;
        this.config = config;
        this.providerConfig = config.providers().get(provider);
        this.consumerProps = consumerProps;
        this.topic = topic;
        this.context = context;
        this.tracker = tracker;
        this.store = store;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.stops = stops;
        this.time = time;
        this.shutdownGrace = shutdownGrace;
        this.calls = new BatchCalls(provider, providerConfig);
    }

    /** Requests of one run for one model, routed under one generation: they go in one batch. */
    private record Key(String runId, String model, int generation) {}

    private static final class Collecting {
        final Key key;
        final List<LaneRequest> requests = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        final long firstNanos = System.nanoTime();
        long bytes;
        /** Given at the first attempt to seal, kept if that attempt must be repeated: the same batch, never two. */
        String batchId;

        Collecting(Key key) {
            this.key = key;
        }
    }

    /** Stops taking requests; a submission under way is let finish (within the grace period) before the lane is let go. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic), new Assignment());
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        take(r);
                    }
                    sealDue();
                    commit(consumer);
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                } catch (RuntimeException e) {
                    LOG.atError()
                            .addKeyValue("provider", provider)
                            .setCause(e)
                            .log("batch lane failed; carrying on (what it had not written down is read again)");
                    sleep(1000);
                }
            }
            long deadline = System.nanoTime() + shutdownGrace.toNanos();
            while (tracker.submitting() && System.nanoTime() < deadline) {
                sleep(100);
            }
        } finally {
            tracker.release();
        }
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        partition = new TopicPartition(r.topic(), r.partition());
        nextOffset = r.offset() + 1;
        LaneRequest request;
        try {
            request = MessageCodec.LANE_REQUEST.decode(r.value()).onTier(ServiceTier.BATCH);
        } catch (MessageCodec.CodecException e) {
            LOG.atWarn()
                    .addKeyValue("provider", provider)
                    .addKeyValue("offset", r.offset())
                    .log("batch lane record is not a LaneRequest; skipping it: " + e.getMessage());
            return;
        }
        int generation = Generations.of(r.headers());
        if (stops.stops(request.job().runId(), generation)) {
            return;
        }
        Optional<CallRequest> call = calls.call(request);
        if (call.isEmpty()) {
            notConfigured(request);
            return;
        }
        long bytes = calls.bytes(call.get());
        BatchConfig batch = providerConfig.batch();
        Key key = new Key(request.job().runId(), request.model().model(), generation);
        Collecting c = open.get(key);
        if (c != null && c.bytes + bytes > batch.maxBytes(providerConfig.protocol())) {
            seal(c);
            c = null;
        }
        if (c == null) {
            c = new Collecting(key);
            open.put(key, c);
        }
        c.requests.add(request);
        c.offsets.add(r.offset());
        c.bytes += bytes;
        uncommitted.add(r.offset());
        if (c.requests.size() >= batch.maxRequests(providerConfig.protocol())) {
            seal(c);
        }
        tracker.collecting(collecting());
    }

    /** A request for a model this worker does not know fails at once, as on the synchronous lane. */
    private void notConfigured(LaneRequest request) {
        String reason = "model '" + request.model() + "' is not configured for provider '" + provider
                + "' on this worker; check the router's and the worker's config";
        Instant now = time.clock().instant();
        waitFor(outcomes.terminal(
                context,
                request,
                new AttemptOutcomes.Made(outcomes.lastDelivery(), now, now, 0, ServiceTier.BATCH),
                FailureClass.BAD_REQUEST,
                reason,
                Usage.NOT_REPORTED,
                null));
    }

    private void sealDue() {
        long maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(
                time.timerMillis(providerConfig.batch().maxWait()));
        long now = System.nanoTime();
        for (Collecting c : List.copyOf(open.values())) {
            if (stops.stops(c.key.runId(), c.key.generation())) {
                // Its run stopped while it was collected: nothing was written down or called.
                open.remove(c.key);
                c.offsets.forEach(uncommitted::remove);
            } else if (now - c.firstNanos >= maxWaitNanos) {
                seal(c);
            }
        }
        tracker.collecting(collecting());
    }

    /**
     * Writes the batch down (its record, its members, each member's call ahead), then lets the lane's offset pass its
     * requests and hands it to the tracker. A write that fails leaves it collected, to be sealed again under the same id.
     */
    private void seal(Collecting c) {
        if (c.batchId == null) {
            c.batchId = "nsb-" + HexFormat.of().formatHex(randomBytes());
        }
        Map<String, LaneRequest> members = new LinkedHashMap<>();
        for (int i = 0; i < c.requests.size(); i++) {
            members.put(c.batchId + "-" + i, c.requests.get(i));
        }
        BatchRecord record = new BatchRecord(
                c.batchId,
                provider,
                c.key.model(),
                c.key.runId(),
                c.key.generation(),
                BatchRecord.State.COLLECTED,
                List.copyOf(members.keySet()),
                null,
                Instant.now(),
                null);
        PendingBatch batch = new PendingBatch(record, members);
        try {
            store.write(batch, true).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Future<Void>> ahead = new ArrayList<>();
            members.forEach((customId, request) -> ahead.add(publisher.callStarted(
                    context,
                    writtenAhead(c.batchId, customId, request),
                    request.job().tenant())));
            waitFor(Future.all(ahead));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.atWarn()
                    .addKeyValue("provider", provider)
                    .addKeyValue("batchId", c.batchId)
                    .log("could not write the batch down; trying again: " + e);
            return;
        }
        open.remove(c.key);
        c.offsets.forEach(uncommitted::remove);
        LOG.atInfo()
                .addKeyValue("provider", provider)
                .addKeyValue("runId", c.key.runId())
                .addKeyValue("model", c.key.model())
                .addKeyValue("batchId", c.batchId)
                .addKeyValue("requests", members.size())
                .addKeyValue("bytes", c.bytes)
                .log("batch collected");
        tracker.take(batch, false);
    }

    private CallStarted writtenAhead(String batchId, String customId, LaneRequest request) {
        CallRequest call = calls.call(request).orElseThrow();
        Instant now = time.clock().instant();
        // The status shows when a run's batches are expected back: from now, the turnaround this worker has seen (the
        // configured expectation before any batch ended).
        Instant expected = now.plus(tracker.expectedTurnaround());
        return WriteAhead.of(
                        request,
                        1,
                        batchId + "/" + customId,
                        call,
                        config.price(request.model(), ServiceTier.BATCH),
                        Money.ZERO,
                        request.job().simulated(),
                        now,
                        ServiceTier.BATCH)
                .inBatch(expected);
    }

    private void commit(KafkaConsumer<String, byte[]> consumer) {
        if (partition == null || nextOffset < 0) {
            return;
        }
        long upTo = uncommitted.isEmpty() ? nextOffset : uncommitted.first();
        if (upTo > committed) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(upTo)));
            committed = upTo;
        }
    }

    private int collecting() {
        return open.values().stream().mapToInt(c -> c.requests.size()).sum();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static void waitFor(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to Kafka: " + e.getMessage(), e);
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The lane given to this worker: take up what was written down before; taken away: let it all go. */
    private final class Assignment implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<PendingBatch> pending = store.readBack(provider, "nightshift-batches-" + provider + "-readback");
            LOG.atInfo()
                    .addKeyValue("provider", provider)
                    .addKeyValue("batches", pending.size())
                    .log("batch lane assigned; taking up the batches written down before");
            tracker.resume(pending, true);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            letGo();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            letGo();
        }

        private void letGo() {
            // What was only collected is read again by the next owner from the committed offset.
            open.clear();
            uncommitted.clear();
            nextOffset = -1;
            committed = -1;
            partition = null;
            tracker.release();
            tracker.collecting(0);
        }
    }
}
