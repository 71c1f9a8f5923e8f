package dev.nightshift.sink;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes plans and results the way ingest and the workers do. */
public final class TestProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaClientProps.producer(KafkaTestBroker.bootstrapServers(), "sink-test"));

    public void plan(RunPlanned plan) {
        send(new ProducerRecord<>(Topics.RUNS, plan.runId(), MessageCodec.RUN_PLANNED.encode(plan)));
    }

    public void result(AttemptResult result) {
        send(new ProducerRecord<>(Topics.RESULTS, result.jobId(), MessageCodec.JOB_EVENT.encode(result)));
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
