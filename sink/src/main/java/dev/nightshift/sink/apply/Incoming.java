package dev.nightshift.sink.apply;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.run.RunPlanned;
import java.time.Instant;

/**
 * A record the sink applies: a run's plan or control, a planned job, what happened to a job (an attempt, or the router
 * ending it without a call), a call written ahead, or a job the broker dead-lettered.
 */
public sealed interface Incoming {
    record Plan(RunPlanned plan) implements Incoming {}

    /** A job as planned by ingest; the sink keeps only its content key (never its content). */
    record JobPlanned(Job job) implements Incoming {}

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
