package dev.nightshift.bench.dispatch;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The dispatch benchmark's baseline: the same job records produced to a topic, share-consumed with explicit
 * acknowledgement, and produced again to a second topic, with the clients' settings nightshift uses
 * (acks=all, zstd, linger 5 ms; record_limit acquisition) — Kafka's own cost of the hops the pipeline makes,
 * without routing, calls or the ledger. Done when every second produce is acknowledged.
 */
final class RawKafkaPass {
    private static final int MAX_RECORDS = 500;

    private RawKafkaPass() {}

    // Fire and forget: each send's callback records its failure, which the loop throws
    @SuppressWarnings("FutureReturnValueIgnored")
    static Pass run(String bootstrap, String name, List<Job> jobs, Duration timeout) throws Exception {
        String in = name + ".in";
        String out = name + ".out";
        String group = name + "-group";
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, name + "-admin"))) {
            TopicAdmin.ensureTopics(admin, List.of(TopicAdmin.topic(in, 6), TopicAdmin.topic(out, 6)));
            TopicAdmin.configureGroup(admin, group, Map.of("share.auto.offset.reset", "earliest"));
        }
        List<byte[]> encoded = jobs.stream().map(MessageCodec.JOB::encode).toList();
        AtomicInteger forwarded = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long cpu;
        long start;
        Properties producerProps = KafkaClientProps.producer(bootstrap, name + "-producer");
        // The idempotent producer resent its first batch out of sequence here (OutOfOrderSequenceException
        // from the in-JVM broker under load); without idempotence the baseline is, if anything, cheaper.
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        try (Producer<String, byte[]> producer = new KafkaProducer<>(producerProps);
                KafkaShareConsumer<String, byte[]> consumer = new KafkaShareConsumer<>(
                        KafkaClientProps.shareConsumer(bootstrap, name + "-consumer", group, MAX_RECORDS))) {
            // Metadata first: sending into a topic whose leader is not yet known made the idempotent producer
            // resend its first batch out of sequence on this loaded machine.
            producer.partitionsFor(in);
            producer.partitionsFor(out);
            consumer.subscribe(List.of(in));
            cpu = CpuClock.processNanos();
            start = System.nanoTime();
            for (int i = 0; i < jobs.size(); i++) {
                producer.send(
                        new ProducerRecord<>(in, jobs.get(i).jobId(), encoded.get(i)),
                        (meta, e) -> failure.compareAndSet(null, e));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (forwarded.get() < jobs.size()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()), (meta, e) -> {
                        if (e == null) {
                            forwarded.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, e);
                        }
                    });
                    consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                }
                consumer.commitSync();
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("raw Kafka pass forwarded " + forwarded.get() + " of " + jobs.size()
                            + " records in " + timeout.toSeconds() + " s; the broker is too slow or stuck");
                }
                // Produce callbacks run on the producer's thread; let the last ones land before re-checking.
                if (forwarded.get() < jobs.size() && forwarded.get() > jobs.size() - MAX_RECORDS) {
                    producer.flush();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Pass(jobs.size(), seconds, CpuClock.processNanos() - cpu);
    }
}
