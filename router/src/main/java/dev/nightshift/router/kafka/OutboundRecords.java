package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.kafka.ResultsEvents;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.engine.Outbound;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where each kind of output goes: lane requests to the model's provider lane (a batch-tier one to the provider's batch
 * lane, same key and codec), the router's own ends of jobs to results.
 */
final class OutboundRecords {
    private OutboundRecords() {}

    static ProducerRecord<String, byte[]> toRecord(Outbound out) {
        if (out instanceof Outbound.ToLane lane) {
            String provider = lane.request().model().provider();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    lane.request().tier() == ServiceTier.BATCH ? Topics.batchLane(provider) : Topics.lane(provider),
                    out.jobId(),
                    MessageCodec.LANE_REQUEST.encode(lane.request()));
            Generations.put(record.headers(), lane.generation());
            return record;
        }
        if (out instanceof Outbound.DeadLetterToOwner dead) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    Topics.RETRY,
                    RecordKeys.tenant(dead.request().job().tenant()),
                    MessageCodec.LANE_REQUEST.encode(dead.request()));
            record.headers().add(ResultsEvents.HEADER, ResultsEvents.deadLetterValue());
            return record;
        }
        Outbound.Terminal terminal = (Outbound.Terminal) out;
        return new ProducerRecord<>(
                Topics.RESULTS,
                RecordKeys.tenant(terminal.event().job().tenant()),
                MessageCodec.JOB_EVENT.encode(terminal.event()));
    }
}
