package dev.nightshift.core.event;

/** How one call to a provider ended. */
public enum Outcome {
    SUCCEEDED,
    FAILED
}
