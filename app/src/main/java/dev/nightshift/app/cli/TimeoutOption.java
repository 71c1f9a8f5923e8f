package dev.nightshift.app.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout MINUTES}: how long a command waits for a local run before it stops it (interrupted, resumable). */
public final class TimeoutOption {
    @Option(
            names = "--timeout",
            paramLabel = "MINUTES",
            defaultValue = "120",
            description =
                    "Stop waiting after this many minutes; the run is left interrupted, to resume (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    public long minutes() {
        return timeoutMinutes;
    }

    public Duration duration() {
        return Duration.ofMinutes(timeoutMinutes);
    }

    /** Refuses a timeout that could never be met, before anything starts. */
    public void check() {
        if (timeoutMinutes < 1) {
            throw UserError.badInput("--timeout " + timeoutMinutes + " must be at least 1 minute");
        }
    }
}
