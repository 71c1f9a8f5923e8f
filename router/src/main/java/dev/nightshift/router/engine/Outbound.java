package dev.nightshift.router.engine;

import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.job.LaneRequest;

/** A record the router must publish as the effect of one input; the Kafka loop maps it to a topic. */
public sealed interface Outbound {
    String jobId();

    /** A job sent to its provider's lane; {@code generation} is its run's (see {@code RunControl}). */
    record ToLane(LaneRequest request, int generation) implements Outbound {
        public ToLane(LaneRequest request) {
            this(request, 0);
        }

        @Override
        public String jobId() {
            return request.job().jobId();
        }
    }

    /** A job the router itself ends (served from the cache, unroutable, out of route, over budget). */
    record Terminal(JobEvent event) implements Outbound {
        @Override
        public String jobId() {
            return event.jobId();
        }
    }

    /**
     * A lane request the workers gave up on, handed to the router that owns its tenant's partition: dead-letter topics
     * have one partition, read by one router, which may not be the one holding the job's budget and window place.
     */
    record DeadLetterToOwner(LaneRequest request) implements Outbound {
        @Override
        public String jobId() {
            return request.job().jobId();
        }
    }
}
