package dev.nightshift.core.attempt;

/** How one call to a provider ended. */
public enum Outcome {
    SUCCEEDED,
    FAILED
}
