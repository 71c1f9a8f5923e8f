package dev.nightshift.sink.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run is planned until its first result, running until every planned job is terminal, then completed. */
public enum RunState {
    PLANNED,
    RUNNING,
    COMPLETED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
