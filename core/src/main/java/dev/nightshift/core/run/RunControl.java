package dev.nightshift.core.run;

import java.time.Instant;
import java.util.Objects;

/**
 * What a person decided about a run after it was planned, on the compacted {@code nightshift.run-control} topic keyed
 * by run id: the latest record is the run's standing. Router, workers and sink read it; nothing else stops a run.
 *
 * <p>Runs come in <em>generations</em>: the jobs a run's first plan publishes are generation 0, the jobs a resume
 * publishes again are the next one. A control says which generations may still start, so a resumed run's new jobs are
 * never held back by a reader that has not yet seen the resume, and an interrupted run's old jobs, still queued
 * somewhere, never start after it.
 *
 * @param generation for {@link Action#INTERRUPTED}, the newest generation it stops; for {@link Action#RESUMED}, the
 *                   generation the resume publishes (older ones stay stopped); for {@link Action#CANCELLED}, the newest
 *                   generation at the time (every generation is stopped)
 * @param reason     why, in a person's words ("Ctrl-C", "the process running it died", "nightshift cancel")
 */
public record RunControl(String runId, Action action, int generation, Instant at, String reason) {
    public RunControl {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(action, "action");
        if (generation < 0) {
            throw new IllegalArgumentException("a run's generation cannot be negative: " + generation);
        }
    }

    /** What happened to the run. */
    public enum Action {
        /** Stopped, may be resumed: its unfinished jobs wait, none starts. */
        INTERRUPTED,
        /** Going again: the jobs of {@code generation} start, older ones stay stopped. */
        RESUMED,
        /** Ended for good: its unfinished jobs are cancelled. */
        CANCELLED
    }

    /** Whether a job of {@code jobGeneration} must not start (neither routed nor called) under this control. */
    public boolean stops(int jobGeneration) {
        return switch (action) {
            case INTERRUPTED -> jobGeneration <= generation;
            case RESUMED -> jobGeneration < generation;
            case CANCELLED -> true;
        };
    }

    /** The run no longer goes on: interrupted or cancelled. */
    public boolean halted() {
        return action != Action.RESUMED;
    }

    public static RunControl interrupted(String runId, int generation, Instant at, String reason) {
        return new RunControl(runId, Action.INTERRUPTED, generation, at, reason);
    }

    public static RunControl resumed(String runId, int generation, Instant at) {
        return new RunControl(runId, Action.RESUMED, generation, at, "nightshift resume");
    }

    public static RunControl cancelled(String runId, int generation, Instant at, String reason) {
        return new RunControl(runId, Action.CANCELLED, generation, at, reason);
    }
}
