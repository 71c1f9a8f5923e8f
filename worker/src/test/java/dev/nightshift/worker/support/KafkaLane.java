package dev.nightshift.worker.support;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.ResultsEvents;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Puts lane requests on a lane and collects what workers publish on a topic, filtered by run. */
public final class KafkaLane implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaLane(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "test-lane-" + UUID.randomUUID()));
    }

    public void put(LaneRequest request) {
        put(Topics.lane(request.model().provider()), request);
    }

    /** Puts the request on its provider's batch lane, as the router does for a run with a deadline. */
    public void putBatch(LaneRequest request) {
        put(Topics.batchLane(request.model().provider()), request.onTier(ServiceTier.BATCH));
    }

    private void put(String topic, LaneRequest request) {
        try {
            producer.send(new ProducerRecord<>(topic, request.job().jobId(), MessageCodec.LANE_REQUEST.encode(request)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce a lane request", e);
        }
    }

    /** Every attempt of {@code runId} published on {@code topic}, read from the beginning by a fresh group. */
    public Collector collect(String topic, String runId) {
        return new Collector(topic, runId);
    }

    /** Keys of every record on {@code topic} (e.g. a dead-letter topic), read from the beginning. */
    public KeyCollector keys(String topic) {
        return new KeyCollector(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    public final class KeyCollector implements AutoCloseable {
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        KeyCollector(String topic) {
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClientProps.consumer(
                                bootstrap, "test-keys-" + UUID.randomUUID(), "test-keys-" + UUID.randomUUID()))) {
                            c.subscribe(List.of(topic));
                            while (running) {
                                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                                    seen.add(r.key());
                                }
                            }
                        }
                    },
                    "test-key-collector");
            thread.setDaemon(true);
            thread.start();
        }

        public List<String> keys() {
            return new ArrayList<>(seen);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

    public final class Collector implements AutoCloseable {
        private final List<AttemptResult> seen = new CopyOnWriteArrayList<>();
        private final List<CallStarted> calls = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Collector(String topic, String runId) {
            thread = new Thread(
                    () -> {
                        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClientProps.consumer(
                                bootstrap,
                                "test-collector-" + UUID.randomUUID(),
                                "test-collector-" + UUID.randomUUID()))) {
                            c.subscribe(List.of(topic));
                            while (running) {
                                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                                    if (ResultsEvents.isCallStarted(r.headers())) {
                                        CallStarted call = MessageCodec.CALL_STARTED.decode(r.value());
                                        if (call.runId().equals(runId)) {
                                            calls.add(call);
                                        }
                                        continue;
                                    }
                                    AttemptResult a = Topics.RETRY.equals(r.topic())
                                            ? MessageCodec.FAILED_ATTEMPT
                                                    .decode(r.value())
                                                    .attempt()
                                            : (AttemptResult) MessageCodec.JOB_EVENT.decode(r.value());
                                    if (a.runId().equals(runId)) {
                                        seen.add(a);
                                    }
                                }
                            }
                        }
                    },
                    "test-collector");
            thread.setDaemon(true);
            thread.start();
        }

        public List<AttemptResult> results() {
            return new ArrayList<>(seen);
        }

        /** The calls written ahead on the results topic ({@link CallStarted}), in the order they were read. */
        public List<CallStarted> calls() {
            return new ArrayList<>(calls);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
