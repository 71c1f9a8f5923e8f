package dev.nightshift.worker.lane;

import org.apache.kafka.clients.consumer.AcknowledgeType;

/** What becomes of a lane record once its job is handled: the share-group acknowledgement to send. */
public enum Disposition {
    /** Done: the result (or the hand-over to the router) is published. */
    ACCEPT(AcknowledgeType.ACCEPT),
    /** Not done, may pass later: back to the lane; its delivery count grows. */
    RELEASE(AcknowledgeType.RELEASE),
    /** Poison: never again; the broker copies it to the dead-letter topic. */
    REJECT(AcknowledgeType.REJECT);

    private final AcknowledgeType type;

    Disposition(AcknowledgeType type) {
        this.type = type;
    }

    public AcknowledgeType acknowledgeType() {
        return type;
    }
}
