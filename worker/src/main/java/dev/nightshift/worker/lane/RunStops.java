package dev.nightshift.worker.lane;

/** Whether a lane record's run has been stopped for the record's generation, so the record is dropped, not called. */
@FunctionalInterface
public interface RunStops {
    RunStops NONE = (runId, generation) -> false;

    boolean stops(String runId, int generation);
}
