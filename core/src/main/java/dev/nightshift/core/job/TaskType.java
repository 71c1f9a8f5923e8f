package dev.nightshift.core.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The chore a job asks of a model. */
public enum TaskType {
    /** Write Markdown documentation for a unit of code. */
    DOCS,
    /** Write unit tests for a unit of code, in the repository's language and test framework. */
    TESTS;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code docs} or {@code tests} (any case); the error lists the valid values. */
    @JsonCreator
    public static TaskType parse(String value) {
        for (TaskType t : values()) {
            if (t.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + value + "'; use one of: "
                + Arrays.stream(values()).map(TaskType::id).collect(Collectors.joining(", ")));
    }
}
