package dev.nightshift.simulator.wire;

/** The error answers every protocol can give, each in its provider's shape. */
public enum ErrorKind {
    UNAUTHORIZED,
    INVALID_KEY,
    BAD_REQUEST,
    NOT_FOUND,
    CONTEXT_TOO_LONG,
    RATE_LIMITED,
    QUOTA_EXHAUSTED,
    SERVER_ERROR,
    UNAVAILABLE,
    OVERLOADED
}
