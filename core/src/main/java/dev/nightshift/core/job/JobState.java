package dev.nightshift.core.job;

/** Where a job stands. Every job ends in exactly one of the terminal states. */
public enum JobState {
    PLANNED(false),
    RUNNING(false),
    SUCCEEDED(true),
    FAILED(true),
    DEAD_LETTERED(true),
    CANCELLED(true);

    private final boolean terminal;

    JobState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
