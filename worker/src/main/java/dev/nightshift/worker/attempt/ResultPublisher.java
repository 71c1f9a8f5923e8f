package dev.nightshift.worker.attempt;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.kafka.ResultsEvents;
import dev.nightshift.core.topic.Topics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes attempts (keyed by jobId) and provider health (keyed by provider) with the shared producer,
 * completing on the caller's Vert.x context once Kafka has acknowledged the write (acks=all).
 */
public final class ResultPublisher {
    private final Producer<String, byte[]> producer;

    public ResultPublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public Future<Void> result(Context context, AttemptResult result) {
        return send(context, Topics.RESULTS, RecordKeys.tenant(result.tenant()), MessageCodec.JOB_EVENT.encode(result));
    }

    /**
     * Writes a call ahead of making it ({@link CallStarted}), on the results topic under its tenant's key (the partition of the attempt's own result) so the sink sees
     * it before the call's attempt; completes once Kafka has acknowledged it.
     */
    public Future<Void> callStarted(Context context, CallStarted call, String tenant) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.RESULTS, RecordKeys.tenant(tenant), MessageCodec.CALL_STARTED.encode(call));
        record.headers().add(ResultsEvents.HEADER, ResultsEvents.callStartedValue());
        return send(context, record);
    }

    /** Hands an answered test job to the validator, which publishes the attempt with its verdict. */
    public Future<Void> validate(Context context, ValidationRequest request) {
        return send(
                context, Topics.VALIDATE, request.attempt().jobId(), MessageCodec.VALIDATION_REQUEST.encode(request));
    }

    /** Hands a failed attempt to the router for fail-over, with the lane request it was made for. */
    public Future<Void> retry(Context context, LaneRequest request, AttemptResult result) {
        return send(
                context,
                Topics.RETRY,
                RecordKeys.tenant(result.tenant()),
                MessageCodec.FAILED_ATTEMPT.encode(new FailedAttempt(request, result)));
    }

    public Future<Void> health(Context context, ProviderHealth health) {
        return send(context, Topics.HEALTH, health.provider(), MessageCodec.PROVIDER_HEALTH.encode(health));
    }

    private Future<Void> send(Context context, String topic, String key, byte[] value) {
        return send(context, new ProducerRecord<>(topic, key, value));
    }

    // The callback carries the outcome into the promise, so the Future that send returns has nothing more to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private Future<Void> send(Context context, ProducerRecord<String, byte[]> record) {
        Promise<Void> promise = Promise.promise();
        try {
            producer.send(
                    record,
                    (metadata, error) -> context.runOnContext(v -> {
                        if (error == null) {
                            promise.complete();
                        } else {
                            promise.fail(error);
                        }
                    }));
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        return promise.future();
    }
}
