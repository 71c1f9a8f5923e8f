package dev.nightshift.sinkapi.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A run is planned until its first result, running until every planned job is terminal, then completed; a person may
 * interrupt it (it waits to be resumed) or cancel it.
 */
public enum RunState {
    PLANNED,
    RUNNING,
    /** Stopped before every job ended (Ctrl-C, or the process running it died); {@code nightshift resume} goes on. */
    INTERRUPTED,
    /** Ended by {@code nightshift cancel}: its unfinished jobs are cancelled. */
    CANCELLED,
    COMPLETED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
