package dev.nightshift.core.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the validator found when it built and ran one generated test. */
public enum Verdict {
    /** Builds, passes every run, and covers lines or branches of its target the existing suite does not. */
    PASSED,
    /** Builds and passes every run but covers nothing new on its target. */
    NO_GAIN,
    /** Does not compile (Java, TypeScript), does not import or does not parse. */
    BUILD_FAILED,
    /** Builds, but no test case passes (assertion or runtime error). */
    FAILED,
    /** Passed at least once and failed at least once over the repeated runs. */
    FLAKY,
    /** Ran past its wall-time limit. */
    TIMEOUT,
    /** Tried something the sandbox forbids (network, files outside its workspace, too many processes). */
    SANDBOX_VIOLATION,
    /** Our fault, not the model's: the workspace could not be prepared, a tool is missing, the sandbox failed. */
    INFRASTRUCTURE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Verdict parse(String id) {
        for (Verdict v : values()) {
            if (v.id().equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "'");
    }

    /** Worth sending back to the model with its diagnostics. */
    public boolean repairable() {
        return this == BUILD_FAILED || this == FAILED || this == FLAKY || this == TIMEOUT;
    }

    /** Counts against the model that wrote the test (infrastructure never does). */
    public boolean modelsFault() {
        return this != PASSED && this != NO_GAIN && this != INFRASTRUCTURE;
    }
}
