package dev.nightshift.worker.quota;

import java.time.Duration;

/** The quota's answer to "may this call go now?" — it never blocks; it says how long to wait instead. */
public sealed interface Admission {
    /** Go; settle the ticket when the call ends. */
    record Granted(QuotaLedger.Ticket ticket) implements Admission {}

    /** Ask again after {@code delay}; {@code binding} is the limit that said no. */
    record Wait(Duration delay, Dimension binding) implements Admission {}

    /** A daily limit is used up: nothing goes until {@code delay} has passed (the next UTC day). */
    record Exhausted(Duration delay, Dimension binding) implements Admission {}
}
