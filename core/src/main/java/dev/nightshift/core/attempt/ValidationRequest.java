package dev.nightshift.core.attempt;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.LaneRequest;
import java.util.Objects;

/**
 * An answered test job on its way to the validator: the request that was sent (job, model, repair round) and
 * the attempt it produced (usage, cost, the candidate test as its artifact). The validator publishes the
 * attempt with its verdict; nothing reaches the ledger before that.
 */
public record ValidationRequest(LaneRequest request, AttemptResult attempt) {
    public ValidationRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(attempt, "attempt");
        if (request.job().testTarget() == null) {
            throw new IllegalArgumentException(
                    "job " + request.job().jobId() + " has no test target to validate against");
        }
    }
}
