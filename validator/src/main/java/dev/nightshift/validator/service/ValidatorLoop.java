package dev.nightshift.validator.service;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * The validator's consumer thread. It takes at most {@code parallelism} answered test jobs from
 * {@code nightshift.validate}, judges them on the executor while its partitions are paused (a workspace's first
 * preparation can take minutes: the consumer keeps polling so the group does not drop it), publishes each judged
 * attempt to {@code nightshift.results} — and the rejected ones to {@code nightshift.retry} — waits for Kafka's
 * acknowledgement and only then commits. A crash before the commit judges the batch again: the sink keeps one
 * ledger line per attempt and the router acts once per failed attempt, so that costs time, not money.
 */
public final class ValidatorLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatorLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Properties consumerProps;
    private final Properties producerProps;
    private final ValidationWork work;
    private final ExecutorService executor;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public ValidatorLoop(
            String bootstrap, String clientId, ValidationWork work, ExecutorService executor, int parallelism) {
        this.consumerProps = KafkaClientProps.consumer(bootstrap, clientId, Topics.VALIDATOR_GROUP);
        this.consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.max(1, parallelism)));
        this.producerProps = KafkaClientProps.producer(bootstrap, clientId);
        this.work = work;
        this.executor = executor;
    }

    public CompletableFuture<Void> started() {
        return started;
    }

    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Asks the loop to stop after the batch it is judging; returns at once. */
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
            c.subscribe(List.of(Topics.VALIDATE));
            started.complete(null);
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        handle(c, producer, records);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // An uncommitted batch comes back after a rebalance or a broker hiccup and is judged again.
                    LOG.atWarn().log("validator loop retrying after a Kafka error: {}", e.toString());
                }
            }
        } catch (WakeupException e) {
            // stop() was called
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("validator loop stopped on an unexpected error: {}", e.getMessage());
            started.completeExceptionally(e);
        } finally {
            started.completeExceptionally(new IllegalStateException("validator loop stopped before it started"));
            stopped.complete(null);
        }
    }

    private void handle(
            KafkaConsumer<String, byte[]> c,
            KafkaProducer<String, byte[]> producer,
            ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        List<Future<Judgement>> judging = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            next.put(tp, new OffsetAndMetadata(r.offset() + 1));
            first.putIfAbsent(tp, r.offset());
            ValidationRequest request = decode(r);
            if (request != null) {
                judging.add(executor.submit(() -> work.judge(request)));
            }
        }
        c.pause(c.assignment());
        try {
            List<ProducerRecord<String, byte[]>> outputs = new ArrayList<>();
            for (Future<Judgement> f : judging) {
                Judgement j = awaitPolling(c, f);
                if (j == null) {
                    return; // stopping: nothing committed, the batch is judged again by whoever takes the partitions
                }
                byte[] value = MessageCodec.JOB_EVENT.encode(j.attempt());
                outputs.add(new ProducerRecord<>(
                        Topics.RESULTS, RecordKeys.tenant(j.attempt().tenant()), value));
                if (j.retry()) {
                    outputs.add(new ProducerRecord<>(
                            Topics.RETRY,
                            RecordKeys.tenant(j.attempt().tenant()),
                            MessageCodec.FAILED_ATTEMPT.encode(new FailedAttempt(j.request(), j.attempt()))));
                }
            }
            if (sendAll(producer, outputs)) {
                c.commitSync(next);
            } else {
                first.forEach(c::seek); // judged again on the next poll
            }
        } finally {
            c.resume(c.assignment());
        }
    }

    /** Waits for one judgement while polling the paused consumer, which keeps this member in its group. */
    private Judgement awaitPolling(KafkaConsumer<String, byte[]> c, Future<Judgement> f) {
        while (true) {
            try {
                return f.get(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (!running) {
                    return null;
                }
                c.poll(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException("judging failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private boolean sendAll(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> outputs) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : outputs) {
            sends.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                LOG.atError()
                        .log(
                                "a judged attempt was not acknowledged ({}); the batch will be judged again",
                                e.getCause().toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static ValidationRequest decode(ConsumerRecord<String, byte[]> r) {
        try {
            return MessageCodec.VALIDATION_REQUEST.decode(r.value());
        } catch (RuntimeException e) {
            // Logged by position, never by content (it holds source code).
            LOG.atError()
                    .addKeyValue("jobId", r.key())
                    .log(
                            "skipping unreadable validation request at {}-{}@{}: {}",
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            e.getMessage());
            return null;
        }
    }
}
