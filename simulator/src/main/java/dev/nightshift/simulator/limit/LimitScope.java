package dev.nightshift.simulator.limit;

/** Which limit a request ran into. */
public enum LimitScope {
    REQUESTS,
    INPUT_TOKENS,
    OUTPUT_TOKENS,
    CONCURRENCY
}
