package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.kafka.RunControlPublisher;
import dev.nightshift.core.run.RunControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a home's sink holds unfinished when a pipeline starts on that home. Only one process uses a home at a time
 * (its broker's and store's files are locked), so such a run's process has died or was killed: it is recorded as
 * interrupted, to be resumed or cancelled by a person, never finished silently by whoever starts next.
 */
final class AbandonedRuns {
    static final String REASON = "the process running it stopped before the run ended";

    private AbandonedRuns() {}

    /** @return the ids of the runs now interrupted */
    static List<String> halt(SinkDocuments sink, String bootstrap) {
        List<String> halted = new ArrayList<>();
        for (JsonNode run : sink.runsIn("planned", "running")) {
            String runId = run.path("runId").asText();
            int generation = run.path("control").path("generation").asInt(0);
            RunControlPublisher.publish(bootstrap, RunControl.interrupted(runId, generation, Instant.now(), REASON));
            halted.add(runId);
        }
        return halted;
    }
}
