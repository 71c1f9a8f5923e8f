package dev.nightshift.simulator.wire;

/** A finished simulated completion. {@code created} is epoch seconds. */
public record ChatReply(String id, String model, String text, Finish finish, WireUsage usage, long created) {}
