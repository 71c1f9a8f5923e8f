package dev.nightshift.core.event;

import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.provider.ModelRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A job the router failed without a call: no configured model can take it, or its route ran out after failed
 * attempts.
 *
 * @param why          which of the two
 * @param failureClass the class of the failure that ended it (of the last attempt, when its route ran out)
 * @param lastModel    the model it was last routed to, or the first choice that could not take it; may be {@code null}
 * @param detail       the router's explanation, for people
 */
public record NotRouted(JobRef job, Instant at, Why why, FailureClass failureClass, ModelRef lastModel, String detail)
        implements JobEvent {
    public enum Why {
        /** No configured model can take the job (its size, its language, or every provider is down). */
        NO_CAPABLE_MODEL,
        /** The job's attempts failed and its route has no model left to try. */
        ROUTE_EXHAUSTED
    }

    public NotRouted {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(failureClass, "failureClass");
    }

    @Override
    public boolean terminal() {
        return true;
    }
}
