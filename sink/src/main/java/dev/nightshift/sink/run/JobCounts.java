package dev.nightshift.sink.run;

import dev.nightshift.core.job.JobState;

/** How many of a run's planned jobs reached each terminal state. */
public record JobCounts(long succeeded, long failed, long deadLettered, long cancelled) {
    public static final JobCounts NONE = new JobCounts(0, 0, 0, 0);

    public JobCounts plus(JobState state) {
        return switch (state) {
            case SUCCEEDED -> new JobCounts(succeeded + 1, failed, deadLettered, cancelled);
            case FAILED -> new JobCounts(succeeded, failed + 1, deadLettered, cancelled);
            case DEAD_LETTERED -> new JobCounts(succeeded, failed, deadLettered + 1, cancelled);
            case CANCELLED -> new JobCounts(succeeded, failed, deadLettered, cancelled + 1);
            case PLANNED, RUNNING -> this;
        };
    }

    public long terminal() {
        return succeeded + failed + deadLettered + cancelled;
    }
}
