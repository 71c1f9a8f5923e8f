package dev.nightshift.sink.apply;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;

/**
 * A record the sink applies: a run's plan or control, a document awaiting its children's, what happened to a job (an
 * attempt, or the router ending it without a call), a call written ahead, or a job the broker dead-lettered.
 */
public sealed interface Incoming {
    record Plan(RunPlanned plan) implements Incoming {}

    /**
     * A folder's or the repository's documentation job as planned ({@code nightshift.docs-awaiting}), kept until its
     * children's documents exist.
     */
    record DocAwaitingChildren(Job job) implements Incoming {
        public DocAwaitingChildren {
            if (!job.awaitingChildren()) {
                throw new IllegalArgumentException("job " + job.jobId() + " of run " + job.runId()
                        + " awaits no children: it is routed as it is, not composed");
            }
        }
    }

    record Event(JobEvent event) implements Incoming {}

    /** A provider call written ahead of being made; open until an attempt books it. */
    record Call(CallStarted started) implements Incoming {}

    /** A run interrupted, resumed or cancelled. */
    record Control(dev.nightshift.core.run.RunControl control) implements Incoming {}

    /**
     * @param reason the broker's {@code __dlq.errors.message} (e.g. delivery count exceeded)
     */
    record DeadLetter(LaneRequest request, String reason, Instant at) implements Incoming {}
}
