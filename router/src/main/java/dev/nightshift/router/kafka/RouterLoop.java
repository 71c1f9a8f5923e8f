package dev.nightshift.router.kafka;

import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.engine.Outbound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's one consumer thread: polls its group's topics, hands each record to the handler, publishes
 * what comes out, waits until every send is acknowledged, and only then commits the batch's offsets — so
 * a crash between send and commit re-routes a job (at least once) rather than losing it. A state source
 * (the compacted health topic, read whole by every router) is polled on the same thread between batches,
 * which keeps all router state single-threaded. New work waits in its topic while the handler's window is full:
 * the rest of its partition is sought back and paused, not committed, and resumed once the window opens.
 *
 * <p>The group's topics are keyed by tenant and have one partition count; the range assignor gives each router the same
 * partition numbers of every topic, so one router alone holds a tenant's budgets. The handler's state goes to
 * {@code nightshift.router-state} with each batch's outputs, before the offsets are committed; a router given partitions
 * (at start, or from a router that left) reads their state back before it handles their records, and one that loses
 * partitions forgets their tenants.
 */
public final class RouterLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SEND_FAILURE_BACKOFF = Duration.ofSeconds(1);

    private final String bootstrap;
    private final Properties consumerProps;
    private boolean keepsState;
    private RouterStateTopic state;
    private final Properties producerProps;
    private final List<String> topics;
    private final RecordHandler handler;
    private final List<StateSource> stateSources;
    private final LongConsumer lagSink;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param topics       the group's topics; the records of one batch are handled topic by topic in this order
     * @param stateSources polled between batches, opened and closed with the loop
     */
    public RouterLoop(
            String bootstrap,
            String clientId,
            String groupId,
            List<String> topics,
            RecordHandler handler,
            List<StateSource> stateSources) {
        this(bootstrap, clientId, groupId, topics, handler, stateSources, lag -> {});
    }

    /**
     * @param lagSink told after each poll how many records of the group's partitions are still unconsumed
     */
    public RouterLoop(
            String bootstrap,
            String clientId,
            String groupId,
            List<String> topics,
            RecordHandler handler,
            List<StateSource> stateSources,
            LongConsumer lagSink) {
        this.lagSink = lagSink;
        this.consumerProps = KafkaClientProps.consumer(bootstrap, clientId, groupId);
        // Co-partitioned: partition n of every topic goes to one member, so a tenant's records meet in one router.
        this.consumerProps.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
        this.bootstrap = bootstrap;
        this.producerProps = KafkaClientProps.producer(bootstrap, clientId);
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.stateSources = List.copyOf(stateSources);
    }

    /**
     * Keeps the handler's state on {@code nightshift.router-state} (see the class comment); before {@link #run}. The
     * loop's topics, but the dead letters, must then have the state topic's partition count.
     */
    public RouterLoop keepingState() {
        this.keepsState = true;
        return this;
    }

    /** Completes once the consumer has subscribed; fails if the loop could not start. */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** Completes when the thread has closed its clients. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Asks the loop to finish its current batch and close; returns at once. */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProps);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps)) {
            consumer = c;
            stateSources.forEach(StateSource::open);
            if (keepsState) {
                state = RouterStateTopic.checked(bootstrap, coPartitioned());
                c.subscribe(topics, new Ownership());
            } else {
                c.subscribe(topics);
            }
            started.complete(null);
            while (running) {
                try {
                    stateSources.forEach(StateSource::poll);
                    // A stop read from the run-control topic frees what the run's jobs held: written at once.
                    sendAll(producer, stateRecords());
                    resumeIfWindowOpen(c);
                    ConsumerRecords<String, byte[]> records = c.poll(POLL);
                    lagSink.accept(lag(c));
                    if (!records.isEmpty()) {
                        processBatch(c, producer, records);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // A failed commit (e.g. during a rebalance) or a broker hiccup: the uncommitted batch comes
                    // back and is routed again (at least once); the loop must not die with it.
                    LOG.atWarn().log("router loop retrying after a Kafka error: {}", e.toString());
                    sleepQuietly(SEND_FAILURE_BACKOFF);
                }
            }
        } catch (WakeupException e) {
            // stop() was called; closing below is the whole answer
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("router loop stopped on an unexpected error: {}", e.getMessage());
            started.completeExceptionally(e);
        } finally {
            stateSources.forEach(RouterLoop::closeQuietly);
            started.completeExceptionally(new IllegalStateException("router loop stopped before it started"));
            stopped.complete(null);
        }
    }

    private void processBatch(
            KafkaConsumer<String, byte[]> c,
            KafkaProducer<String, byte[]> producer,
            ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> deferred = new HashMap<>();
        List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
        stateSources.forEach(StateSource::beforeBatch);
        for (String topic : topics) {
            for (ConsumerRecord<String, byte[]> r : records.records(topic)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (deferred.containsKey(tp) || handler.gated(r.topic()) && !handler.windowOpen()) {
                    // The window is full: this record and the partition's later ones wait in the topic.
                    deferred.putIfAbsent(tp, r.offset());
                    continue;
                }
                next.put(tp, new OffsetAndMetadata(r.offset() + 1));
                for (Outbound out : handleSafely(r)) {
                    outputs.add(OutboundRecords.toRecord(out));
                }
            }
        }
        outputs.addAll(stateRecords());
        if (sendAll(producer, outputs)) {
            c.commitSync(next);
        }
        deferred.forEach(c::seek);
        c.pause(deferred.keySet());
    }

    /** Takes gated records again once the window has room (a paused partition yields nothing to poll). */
    private void resumeIfWindowOpen(KafkaConsumer<String, byte[]> c) {
        if (!c.paused().isEmpty() && handler.windowOpen()) {
            c.resume(c.paused());
        }
    }

    /**
     * Sends until Kafka has acknowledged every record. The engine has already acted on the inputs (budgets
     * held, failovers counted), so a failed send is sent again rather than the input consumed again.
     *
     * @return false when the loop was stopped before everything was acknowledged (nothing is committed then)
     */
    private boolean sendAll(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> outputs) {
        List<ProducerRecord<String, byte[]>> pending = outputs;
        while (!pending.isEmpty()) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : pending) {
                sends.add(producer.send(record));
            }
            producer.flush();
            List<ProducerRecord<String, byte[]>> failed = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get();
                } catch (ExecutionException e) {
                    LOG.atError()
                            .addKeyValue("jobId", pending.get(i).key())
                            .log(
                                    "send to {} not acknowledged ({}); sending again",
                                    pending.get(i).topic(),
                                    e.getCause().toString());
                    failed.add(pending.get(i));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return false;
                }
            }
            if (!failed.isEmpty()) {
                if (!running) {
                    return false;
                }
                sleepQuietly(SEND_FAILURE_BACKOFF);
            }
            pending = failed;
        }
        return true;
    }

    private List<Outbound> handleSafely(ConsumerRecord<String, byte[]> r) {
        try {
            return handler.handle(r);
        } catch (RuntimeException e) {
            // A record we cannot read would block the partition forever if retried; it is logged by position
            // (never by content) and skipped.
            LOG.atError()
                    .addKeyValue("jobId", r.key())
                    .log(
                            "skipping unreadable record at {}-{}@{}: {}",
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            e.getMessage());
            return List.of();
        }
    }

    private List<ProducerRecord<String, byte[]>> stateRecords() {
        return state == null ? List.of() : state.records(handler.stateChanges());
    }

    /** The topics whose partitions carry tenants' records (all but the dead letters, which have one partition). */
    private List<String> coPartitioned() {
        return topics.stream().filter(t -> !t.startsWith(Topics.DLQ_PREFIX)).toList();
    }

    /**
     * Takes up the state of partitions given to this router and forgets that of partitions taken away. The range assignor
     * gives a member the same partition numbers of every co-partitioned topic, so any of them tells the numbers.
     */
    private final class Ownership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            state.restore(numbers(partitions), handler::restore);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Set<Integer> gone = numbers(partitions);
            if (gone.isEmpty()) {
                return;
            }
            Set<String> tenants = new HashSet<>();
            for (String tenant : handler.tenants()) {
                if (gone.contains(state.partitionOf(tenant))) {
                    tenants.add(tenant);
                }
            }
            handler.forgetTenants(tenants);
        }

        private Set<Integer> numbers(Collection<TopicPartition> partitions) {
            Set<Integer> numbers = new TreeSet<>();
            partitions.stream()
                    .filter(tp -> !tp.topic().startsWith(Topics.DLQ_PREFIX))
                    .forEach(tp -> numbers.add(tp.partition()));
            return numbers;
        }
    }

    private static long lag(KafkaConsumer<String, byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            total += c.currentLag(tp).orElse(0);
        }
        return total;
    }

    private static void closeQuietly(StateSource source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.atWarn().log("closing {} failed: {}", source.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** State read whole by every router (not split by the group), polled between batches on the loop thread. */
    public interface StateSource {
        void open();

        void poll();

        /** Called before a batch is handled, for state that must be current then (the artifact cache). */
        default void beforeBatch() {}

        void close();
    }
}
