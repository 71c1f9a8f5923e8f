package dev.nightshift.app.cli;

import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** {@code --deadline} and {@code --within}: when a run's results are needed; shared by {@code run}, {@code submit}, {@code estimate}. */
public final class DeadlineOptions {
    @Option(
            names = "--deadline",
            paramLabel = "TIME",
            description = "When the results are needed: a time of day (the next one, e.g. 07:00) or an ISO date-time"
                    + " (2026-12-08T07:00, 2026-12-08T06:00Z). Jobs that can wait go to the providers' batch APIs at"
                    + " the batch price (about half); the rest are called at once. Not with --within.")
    String deadline;

    @Option(
            names = "--within",
            paramLabel = "DURATION",
            description = "When the results are needed, from now: 30m, 9h, 1d or ISO-8601 (PT9H). Not with --deadline.")
    String within;

    /** The deadline meant, on this machine's clock and time zone; {@code null} when none was given. */
    public Instant resolve() {
        return Deadline.resolve(deadline, within, Instant.now(), ZoneId.systemDefault());
    }
}
