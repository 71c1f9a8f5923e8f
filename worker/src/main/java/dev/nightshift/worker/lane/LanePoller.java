package dev.nightshift.worker.lane;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.job.LaneRequest;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one lane's {@link KafkaShareConsumer} on one dedicated thread (the consumer is not thread-safe) and
 * bridges its records to a {@link LaneHandler} on the Vert.x context.
 *
 * <p>Each loop: poll; for every record returned, acknowledge it with its job's disposition when the job is
 * done, else {@code RENEW} its lock (a renewed record comes back on the next poll, so every held record
 * passes through each loop); start new records while slots are free; then {@code commitSync()} — every
 * iteration, which also avoids the 4.4.0 client's "All records must be acknowledged" bug. The loop sleeps
 * between iterations (woken when a job finishes) so that renewals go out a few times per lock period, not
 * in a busy loop.
 *
 * <p>Records acquired beyond the free slots are held (renewed) and started when a slot frees, rather
 * than released: a RELEASE would spend one of the job's delivery attempts without trying it.
 */
public final class LanePoller implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LanePoller.class);

    private final String provider;
    private final Properties consumerProps;
    private final String topic;
    private final IntSupplier slots;
    private final Context context;
    private final LaneHandler handler;
    private final Duration lockDuration;
    private final Duration shutdownGrace;
    private final RunStops stops;

    private final Map<RecordKey, Held> held = new HashMap<>();
    private final ArrayDeque<RecordKey> waiting = new ArrayDeque<>();
    private final Map<RecordKey, Disposition> done = new ConcurrentHashMap<>();
    private final Set<RecordKey> failedAcks = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Object> wake = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile int heldCount;
    /** {@link #started} as of the last loop, for other threads. */
    private volatile int startedCount;
    private int started;

    public LanePoller(String provider, Properties consumerProps, String topic, IntSupplier slots, Context context,
                      LaneHandler handler, Duration lockDuration, Duration shutdownGrace) {
        this(provider, consumerProps, topic, slots, context, handler, lockDuration, shutdownGrace, RunStops.NONE);
    }

    /** @param stops which runs' records are dropped instead of handled (interrupted or cancelled runs) */
    public LanePoller(String provider, Properties consumerProps, String topic, IntSupplier slots, Context context,
                      LaneHandler handler, Duration lockDuration, Duration shutdownGrace, RunStops stops) {
        this.stops = stops;
        this.provider = provider;
        this.consumerProps = consumerProps;
        this.topic = topic;
        this.slots = slots;
        this.context = context;
        this.handler = handler;
        this.lockDuration = lockDuration;
        this.shutdownGrace = shutdownGrace;
    }

    /** Stops taking work; in-flight jobs are finished (or released after the grace period) before the thread ends. */
    public void stop() {
        running = false;
        wake.offer(Boolean.TRUE);
    }

    @Override
    public void run() {
        long stopDeadline = Long.MAX_VALUE;
        while (running || busy()) {
            try (KafkaShareConsumer<String, byte[]> c = new KafkaShareConsumer<>(consumerProps)) {
                c.setAcknowledgementCommitCallback((offsets, exception) -> {
                    if (exception != null) {
                        offsets.forEach((tip, set) -> set.forEach(o -> failedAcks.add(new RecordKey(tip.topic(), tip.partition(), o))));
                    }
                });
                c.subscribe(List.of(topic));
                while (running || busy()) {
                    if (!running && stopDeadline == Long.MAX_VALUE) {
                        stopDeadline = System.nanoTime() + shutdownGrace.toNanos();
                    }
                    if (System.nanoTime() > stopDeadline) {
                        LOG.atWarn().addKeyValue("provider", provider).addKeyValue("inFlight", inFlight())
                                .log("shutdown grace period over; closing the lane consumer releases the remaining jobs");
                        return;
                    }
                    boolean progress = iterate(c);
                    c.commitSync();
                    dropLostLocks();
                    if (!progress) {
                        pause();
                    }
                }
            } catch (WakeupException e) {
                LOG.atDebug().addKeyValue("provider", provider).log("lane consumer woken for shutdown");
                return;
            } catch (RuntimeException e) {
                // A broken consumer must not end the lane: start a new one. The records it held come back
                // when their locks expire; jobs still running finish, and their results stay idempotent.
                LOG.atError().addKeyValue("provider", provider).setCause(e).log("lane consumer failed; starting a new one");
                held.clear();
                waiting.clear();
                started = 0;
                sleepQuietly(1000);
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            wake.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private boolean iterate(KafkaShareConsumer<String, byte[]> c) {
        ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
        boolean progress = false;
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
            RecordKey key = RecordKey.of(record);
            Held h = held.get(key);
            if (h == null) {
                h = new Held(record);
                held.put(key, h);
                if (!running) {
                    c.acknowledge(record, AcknowledgeType.RELEASE);
                    held.remove(key);
                    continue;
                }
                waiting.add(key);
                progress = true;
            }
            h.record = record;
            h.lastSeenNanos = now;
            Disposition d = done.remove(key);
            if (d != null) {
                c.acknowledge(record, d.acknowledgeType());
                held.remove(key);
                if (!h.finished) {
                    started--;
                }
                progress = true;
            } else if (!h.started && !running) {
                c.acknowledge(record, AcknowledgeType.RELEASE);
                held.remove(key);
                waiting.remove(key);
            } else {
                c.acknowledge(record, AcknowledgeType.RENEW);
            }
        }
        progress |= countFinished();
        startWaiting();
        heldCount = held.size();
        startedCount = started;
        return progress;
    }

    /**
     * A finished job frees its slot at once, before its record comes back to be acknowledged: the slot
     * bounds calls being worked, while what a replica holds is bounded by {@code max.poll.records}. Waiting
     * for the acknowledgement's round trip left slots idle between calls, a cost that grows with the
     * provider's throughput.
     */
    private boolean countFinished() {
        boolean any = false;
        for (RecordKey k : done.keySet()) {
            Held h = held.get(k);
            if (h != null && h.started && !h.finished) {
                h.finished = true;
                started--;
                any = true;
            }
        }
        return any;
    }

    private void startWaiting() {
        while (running && !waiting.isEmpty() && started < Math.max(1, slots.getAsInt())) {
            RecordKey key = waiting.poll();
            Held h = held.get(key);
            if (h == null) {
                continue;
            }
            h.started = true;
            started++;
            start(key, h.record);
        }
    }

    private void start(RecordKey key, ConsumerRecord<String, byte[]> record) {
        int deliveryCount = record.deliveryCount().map(Short::intValue).orElse(1);
        LaneRequest request;
        try {
            request = MessageCodec.LANE_REQUEST.decode(record.value());
        } catch (MessageCodec.CodecException e) {
            LOG.atWarn().addKeyValue("provider", provider).addKeyValue("jobId", record.key()).addKeyValue("offset", record.offset())
                    .log("lane record is not a LaneRequest; rejecting it to the dead-letter topic: " + e.getMessage());
            finish(key, Disposition.REJECT);
            return;
        }
        if (stops.stops(request.job().runId(), Generations.of(record.headers()))) {
            // The run was interrupted or cancelled after this job was routed: it is not called. A resume plans the job
            // again; the router has already let go of it.
            LOG.atDebug().addKeyValue("provider", provider).addKeyValue("runId", request.job().runId())
                    .addKeyValue("jobId", request.job().jobId()).log("dropped: its run is stopped");
            finish(key, Disposition.ACCEPT);
            return;
        }
        context.runOnContext(v -> {
            try {
                handler.handle(request, deliveryCount).onComplete(ar -> finish(key, ar.succeeded() ? ar.result() : Disposition.RELEASE));
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("provider", provider).addKeyValue("jobId", request.job().jobId()).setCause(e)
                        .log("lane handler threw; releasing the job");
                finish(key, Disposition.RELEASE);
            }
        });
    }

    private void finish(RecordKey key, Disposition disposition) {
        done.put(key, disposition);
        wake.offer(key);
    }

    /** Records whose lock we lost (failed acknowledgement, or not returned for a whole lock period) are someone else's now. */
    private void dropLostLocks() {
        long horizon = System.nanoTime() - lockDuration.toNanos() - TimeUnit.SECONDS.toNanos(5);
        Set<RecordKey> lost = new HashSet<>(failedAcks);
        failedAcks.clear();
        held.forEach((k, h) -> {
            if (h.lastSeenNanos < horizon) {
                lost.add(k);
            }
        });
        for (RecordKey k : lost) {
            Held h = held.remove(k);
            if (h != null) {
                waiting.remove(k);
                LOG.atWarn().addKeyValue("provider", provider).addKeyValue("jobId", h.record.key())
                        .log("lost the lock of a lane record; another worker will deliver it again");
            }
        }
        if (!lost.isEmpty()) {
            // A job still running for a lost record may finish later; its result is idempotent downstream
            // (keyed by runId, jobId, attempt), and its disposition has no record left to acknowledge.
            started = (int) held.values().stream().filter(x -> x.started && !x.finished).count();
        }
        done.keySet().removeIf(k -> !held.containsKey(k));
    }

    private void pause() {
        int free = Math.max(1, slots.getAsInt()) - started;
        long waitMs = free > 0 && waiting.isEmpty() ? 200 : Math.min(2000, lockDuration.toMillis() / 4);
        try {
            wake.poll(waitMs, TimeUnit.MILLISECONDS);
            wake.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Jobs still running, or finished with their acknowledgement not yet sent. */
    private boolean busy() {
        return started > 0 || done.keySet().stream().anyMatch(held::containsKey);
    }

    /** Calls this replica has under way (started and not yet finished), as of the last loop; for any thread. */
    public int callsUnderWay() {
        return startedCount;
    }

    /** Lane records this replica holds (running, waiting for a slot, or waiting to be acknowledged), as of the last loop. */
    public int held() {
        return heldCount;
    }

    /** Jobs being worked right now; for health and tests. */
    public int inFlight() {
        return started;
    }

    private static final class Held {
        ConsumerRecord<String, byte[]> record;
        long lastSeenNanos = System.nanoTime();
        boolean started;
        /** The job ended (its disposition waits in {@code done}); its slot is free already. */
        boolean finished;

        Held(ConsumerRecord<String, byte[]> record) {
            this.record = record;
        }
    }

    record RecordKey(String topic, int partition, long offset) {
        static RecordKey of(ConsumerRecord<?, ?> r) {
            return new RecordKey(r.topic(), r.partition(), r.offset());
        }
    }
}
