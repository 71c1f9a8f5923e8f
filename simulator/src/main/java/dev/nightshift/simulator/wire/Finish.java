package dev.nightshift.simulator.wire;

/** Why the simulated model stopped; each protocol names it its own way. */
public enum Finish {
    STOP,
    LENGTH,
    FILTERED
}
