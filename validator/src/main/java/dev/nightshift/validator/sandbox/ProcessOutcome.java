package dev.nightshift.validator.sandbox;

import java.time.Duration;

/**
 * How a sandboxed command ended.
 *
 * @param output   stdout and stderr interleaved, trimmed to a bounded tail
 * @param timedOut killed at its wall-time limit
 */
public record ProcessOutcome(int exitCode, String output, boolean timedOut, Duration elapsed) {}
