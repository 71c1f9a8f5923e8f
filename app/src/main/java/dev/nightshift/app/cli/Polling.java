package dev.nightshift.app.cli;

import java.time.Duration;

/** The pause between two looks at a run's progress, for commands that wait on the sink. */
public final class Polling {
    private Polling() {}

    /** Waits {@code interval}; an interrupt (Ctrl-C) ends the command as failed, with the thread's flag kept. */
    public static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.failed("interrupted");
        }
    }
}
