package dev.nightshift.sink.report;

import dev.nightshift.core.job.JobState;
import java.util.List;

/**
 * A job that ended without a result, as the report lists it.
 *
 * @param reason      why it ended so (the job record's reason: the last failure, the dead-letter header, the cancellation)
 * @param diagnostics what its failed attempts said, in attempt order (the latest kept): failure classes and reasons,
 *                    the review's findings on rejected documents, then the validator's whole diagnostics of rejected tests
 */
record FailedJob(
        String jobId,
        String unitPath,
        JobState state,
        String model,
        int attempts,
        String failureClass,
        String reason,
        List<String> diagnostics) {
    FailedJob {
        diagnostics = List.copyOf(diagnostics);
    }
}
