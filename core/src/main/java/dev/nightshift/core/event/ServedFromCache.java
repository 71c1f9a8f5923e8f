package dev.nightshift.core.event;

import dev.nightshift.core.job.JobRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A job answered without a call: the same work with the same prompts was answered before (the artifact cache), or
 * another job was doing the very same work at the same time and its answer is reused. Costs nothing.
 *
 * @param answeredBy the job whose answer this is when it was doing the same work; {@code null} for the artifact cache
 * @param artifact   that job's reply text; {@code null} for the artifact cache, whose text the sink keeps
 */
public record ServedFromCache(JobRef job, Instant at, JobRef answeredBy, String artifact) implements JobEvent {
    public ServedFromCache {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean terminal() {
        return true;
    }

    /** Where the answer came from, in words for logs and the job's record. */
    public String source() {
        return answeredBy == null
                ? "served from the artifact cache"
                : "answered by job " + answeredBy.jobId() + " of run " + answeredBy.runId()
                        + ", which did the same work";
    }
}
