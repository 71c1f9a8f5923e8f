package dev.nightshift.worker.lane;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.Generations;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one lane's share consumers on one dedicated thread (a consumer is not thread-safe) and bridges their records
 * to a {@link LaneHandler} on the Vert.x context.
 *
 * <p><b>Why several consumers.</b> A share consumer hands out new records only once every record of its previous
 * fetch has been acknowledged for good: while one of them is renewed (its call still running), each poll returns
 * the renewed records again and nothing new. With one consumer, a lane therefore moved in waves, each as slow as its
 * slowest call, and a single hung call stopped the lane until its deadline. So the lane keeps up to
 * {@link #CONSUMERS} consumers, each with a share of the records a replica may hold: a consumer whose fetch still has
 * calls running only renews and acknowledges them, while new records come through one whose fetch is finished
 * (made when first needed, kept after).
 *
 * <p>Each loop: poll every consumer — the one holding nothing a little longer when slots are free and nothing waits
 * for one, so that new records come through it — renewing what still runs and acknowledging with its job's
 * disposition what is done (a renewed record comes back on the next poll, so every held record passes through each
 * loop); start records while slots are free; {@code commitSync()} each consumer — every iteration, which also avoids
 * the 4.4.0 client's "All records must be acknowledged" bug. The loop sleeps between iterations (woken when a job
 * finishes) so that renewals go out a few times per lock period, not in a busy loop.
 *
 * <p>Records acquired beyond the free slots are held (renewed) and started when a slot frees, rather than
 * released: a RELEASE would spend one of the job's delivery attempts without trying it.
 */
public final class LanePoller implements Runnable {
    /** The most consumers one lane keeps: enough that a few slow or hung calls never stop new records. */
    public static final int CONSUMERS = 4;
    /** Separates a replica's client id from its consumer's number ({@code <replica>#<n>}). */
    public static final String CONSUMER_SEPARATOR = "#";

    private static final Logger LOG = LoggerFactory.getLogger(LanePoller.class);
    private static final Duration POLL_FOR_NEW = Duration.ofMillis(100);
    private static final Duration POLL_HELD = Duration.ofMillis(5);

    private final String provider;
    private final Properties consumerProps;
    private final String topic;
    private final IntSupplier slots;
    private final Context context;
    private final LaneHandler handler;
    private final Duration lockDuration;
    private final Duration shutdownGrace;
    private final RunStops stops;

    private final List<Member> members = new ArrayList<>();
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

    public LanePoller(
            String provider,
            Properties consumerProps,
            String topic,
            IntSupplier slots,
            Context context,
            LaneHandler handler,
            Duration lockDuration,
            Duration shutdownGrace) {
        this(provider, consumerProps, topic, slots, context, handler, lockDuration, shutdownGrace, RunStops.NONE);
    }

    /**
     * @param consumerProps each consumer's settings; its {@code max.poll.records} is what one consumer holds at most,
     *                      so a replica holds at most {@link #CONSUMERS} times that
     * @param stops         which runs' records are dropped instead of handled (interrupted or cancelled runs)
     */
    public LanePoller(
            String provider,
            Properties consumerProps,
            String topic,
            IntSupplier slots,
            Context context,
            LaneHandler handler,
            Duration lockDuration,
            Duration shutdownGrace,
            RunStops stops) {
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
        wake.offer(true);
    }

    @Override
    public void run() {
        long stopDeadline = Long.MAX_VALUE;
        try {
            while (running || busy()) {
                if (!running && stopDeadline == Long.MAX_VALUE) {
                    stopDeadline = System.nanoTime() + shutdownGrace.toNanos();
                }
                if (System.nanoTime() > stopDeadline) {
                    LOG.atWarn()
                            .addKeyValue("provider", provider)
                            .addKeyValue("inFlight", inFlight())
                            .log("shutdown grace period over; closing the lane consumers releases the remaining jobs");
                    return;
                }
                try {
                    if (!iterate()) {
                        pause();
                    }
                } catch (RuntimeException e) {
                    // A broken consumer must not end the lane: start afresh. The records they held come back when
                    // their locks expire; jobs still running finish, and their results stay idempotent.
                    LOG.atError()
                            .addKeyValue("provider", provider)
                            .setCause(e)
                            .log("lane consumer failed; starting new ones");
                    closeMembers();
                    held.clear();
                    waiting.clear();
                    started = 0;
                    sleepQuietly(1000);
                }
            }
        } finally {
            closeMembers();
        }
    }

    private boolean iterate() {
        boolean wantNew = running && waiting.isEmpty() && started < Math.max(1, slots.getAsInt());
        Member fresh = wantNew ? memberHoldingNothing() : null;
        boolean progress = false;
        // Every consumer is polled every loop, not only the one asked for new records: a consumer may have fetched
        // records before they were asked for, and their locks must be renewed (or the records handled) like any other.
        for (Member m : List.copyOf(members)) {
            progress |= take(m, m.consumer.poll(m == fresh ? POLL_FOR_NEW : POLL_HELD));
            m.consumer.commitSync();
        }
        progress |= countFinished();
        startWaiting();
        dropLostLocks();
        heldCount = held.size();
        startedCount = started;
        return progress;
    }

    /** A consumer whose last fetch is wholly acknowledged, made if there is none and the lane may have another. */
    private Member memberHoldingNothing() {
        for (Member m : members) {
            if (m.holding == 0) {
                return m;
            }
        }
        if (members.size() >= CONSUMERS) {
            return null;
        }
        Member m = new Member(members.size());
        members.add(m);
        return m;
    }

    /** Handles what one consumer's poll returned: new records wait for a slot; held ones are acknowledged or renewed. */
    private boolean take(Member m, ConsumerRecords<String, byte[]> records) {
        boolean progress = false;
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> record : records) {
            RecordKey key = RecordKey.of(record);
            Held h = held.get(key);
            if (h == null) {
                if (!running) {
                    m.consumer.acknowledge(record, AcknowledgeType.RELEASE);
                    continue;
                }
                h = new Held(record, m);
                held.put(key, h);
                m.holding++;
                waiting.add(key);
                progress = true;
            } else if (h.member != m) {
                // Redelivered to another of our consumers after a lost lock: the new lock is the one that counts.
                h.member.holding--;
                h.member = m;
                m.holding++;
            }
            h.record = record;
            h.lastSeenNanos = now;
            Disposition d = done.remove(key);
            if (d != null) {
                m.consumer.acknowledge(record, d.acknowledgeType());
                forget(key, h);
                if (!h.finished) {
                    started--;
                }
                progress = true;
            } else if (!h.started && !running) {
                m.consumer.acknowledge(record, AcknowledgeType.RELEASE);
                forget(key, h);
                waiting.remove(key);
            } else {
                m.consumer.acknowledge(record, AcknowledgeType.RENEW);
            }
        }
        return progress;
    }

    private void forget(RecordKey key, Held h) {
        held.remove(key);
        h.member.holding--;
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
            LOG.atWarn()
                    .addKeyValue("provider", provider)
                    .addKeyValue("jobId", record.key())
                    .addKeyValue("offset", record.offset())
                    .log("lane record is not a LaneRequest; rejecting it to the dead-letter topic: " + e.getMessage());
            finish(key, Disposition.REJECT);
            return;
        }
        if (stops.stops(request.job().runId(), Generations.of(record.headers()))) {
            // The run was interrupted or cancelled after this job was routed: it is not called. A resume plans the job
            // again; the router has already let go of it.
            LOG.atDebug()
                    .addKeyValue("provider", provider)
                    .addKeyValue("runId", request.job().runId())
                    .addKeyValue("jobId", request.job().jobId())
                    .log("dropped: its run is stopped");
            finish(key, Disposition.ACCEPT);
            return;
        }
        context.runOnContext(v -> {
            try {
                handler.handle(request, deliveryCount)
                        .onComplete(ar -> finish(key, ar.succeeded() ? ar.result() : Disposition.RELEASE));
            } catch (RuntimeException e) {
                LOG.atError()
                        .addKeyValue("provider", provider)
                        .addKeyValue("jobId", request.job().jobId())
                        .setCause(e)
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
            Held h = held.get(k);
            if (h != null) {
                forget(k, h);
                waiting.remove(k);
                LOG.atWarn()
                        .addKeyValue("provider", provider)
                        .addKeyValue("jobId", h.record.key())
                        .log("lost the lock of a lane record; another worker will deliver it again");
            }
        }
        if (!lost.isEmpty()) {
            // A job still running for a lost record may finish later; its result is idempotent downstream
            // (keyed by runId, jobId, attempt), and its disposition has no record left to acknowledge.
            started = (int)
                    held.values().stream().filter(x -> x.started && !x.finished).count();
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

    private void sleepQuietly(long millis) {
        try {
            wake.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeMembers() {
        for (Member m : members) {
            try {
                m.consumer.close();
            } catch (RuntimeException e) {
                LOG.atDebug()
                        .addKeyValue("provider", provider)
                        .log("closing a lane consumer failed: " + e.getMessage());
            }
        }
        members.clear();
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

    /** One share consumer of the lane and how many of the records it fetched are still held. */
    private final class Member {
        final KafkaShareConsumer<String, byte[]> consumer;
        int holding;

        Member(int number) {
            Properties props = new Properties();
            props.putAll(consumerProps);
            props.put(
                    CommonClientConfigs.CLIENT_ID_CONFIG,
                    consumerProps.getProperty(CommonClientConfigs.CLIENT_ID_CONFIG, "lane")
                            + CONSUMER_SEPARATOR
                            + number);
            consumer = new KafkaShareConsumer<>(props);
            consumer.setAcknowledgementCommitCallback((offsets, exception) -> {
                if (exception != null) {
                    offsets.forEach((tip, set) ->
                            set.forEach(o -> failedAcks.add(new RecordKey(tip.topic(), tip.partition(), o))));
                }
            });
            consumer.subscribe(List.of(topic));
        }
    }

    private static final class Held {
        ConsumerRecord<String, byte[]> record;
        Member member;
        long lastSeenNanos = System.nanoTime();
        boolean started;
        /** The job ended (its disposition waits in {@code done}); its slot is free already. */
        boolean finished;

        Held(ConsumerRecord<String, byte[]> record, Member member) {
            this.record = record;
            this.member = member;
        }
    }

    record RecordKey(String topic, int partition, long offset) {
        static RecordKey of(ConsumerRecord<?, ?> r) {
            return new RecordKey(r.topic(), r.partition(), r.offset());
        }
    }
}
