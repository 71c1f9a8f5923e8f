package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.Polling;
import dev.nightshift.core.job.JobState;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** What {@code resume} and {@code cancel} read of a run in the sink: its state, its generation, its unfinished jobs. */
final class RunStanding {
    private static final Duration POLL = Duration.ofMillis(200);

    private RunStanding() {}

    static String state(JsonNode status) {
        return status.path("state").asText();
    }

    /** The generation of the jobs the run published last (0 until it is resumed). */
    static int generation(JsonNode status) {
        return status.path("control").path("generation").asInt(0);
    }

    /** The ids of the run's jobs that have not ended. */
    static Set<String> unfinished(SinkDocuments sink, String runId) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode job : sink.jobs(runId)) {
            JobState state = JobState.valueOf(
                    job.path("state").asText().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (!state.terminal()) {
                ids.add(job.path("jobId").asText());
            }
        }
        return ids;
    }

    /** Polls the run's status until it satisfies {@code reached} or {@code within} has passed; the last status read. */
    static Optional<JsonNode> await(SinkDocuments sink, String runId, Predicate<JsonNode> reached, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<JsonNode> status = sink.run(runId);
        while (!status.map(reached::test).orElse(false) && System.nanoTime() < deadline) {
            Polling.pause(POLL);
            status = sink.run(runId);
        }
        return status;
    }
}
