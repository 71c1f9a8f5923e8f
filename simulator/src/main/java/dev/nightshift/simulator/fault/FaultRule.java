package dev.nightshift.simulator.fault;

/**
 * When to inject a fault. A rule with {@code whenPromptContains} applies only to prompts holding that
 * text (a poison job); {@code times} limits it to the next N matching requests (a fault on demand);
 * {@code rate} makes it random (seeded) among matching requests. With neither, it applies every time.
 *
 * @param delayMs      for keep-alive and slow-first-byte faults, how long before the body comes (default 2000)
 * @param retryAfterMs for rate-limit faults, the wait the provider asks for (default 1000)
 */
public record FaultRule(
        Fault fault, Double rate, Integer times, String whenPromptContains, Long delayMs, Long retryAfterMs) {
    public static final long DEFAULT_DELAY_MS = 2000;
    public static final long DEFAULT_RETRY_AFTER_MS = 1000;

    public FaultRule {
        if (fault == null) {
            throw new IllegalArgumentException("faults[].fault is required, e.g. server-error");
        }
        if (rate != null && (rate < 0 || rate > 1)) {
            throw new IllegalArgumentException("faults[].rate must be between 0 and 1, got " + rate);
        }
        if (times != null && times < 0) {
            throw new IllegalArgumentException("faults[].times must be >= 0, got " + times);
        }
        if (delayMs != null && delayMs < 0 || retryAfterMs != null && retryAfterMs < 0) {
            throw new IllegalArgumentException("faults[].delayMs and retryAfterMs must be >= 0");
        }
        if (whenPromptContains != null && whenPromptContains.isEmpty()) {
            throw new IllegalArgumentException("faults[].whenPromptContains must not be empty");
        }
    }

    public static FaultRule always(Fault fault) {
        return new FaultRule(fault, null, null, null, null, null);
    }

    public static FaultRule times(Fault fault, int times) {
        return new FaultRule(fault, null, times, null, null, null);
    }

    public static FaultRule atRate(Fault fault, double rate) {
        return new FaultRule(fault, rate, null, null, null, null);
    }

    public static FaultRule whenPromptContains(Fault fault, String text) {
        return new FaultRule(fault, null, null, text, null, null);
    }

    public FaultRule withDelayMs(long ms) {
        return new FaultRule(fault, rate, times, whenPromptContains, ms, retryAfterMs);
    }

    public FaultRule withRetryAfterMs(long ms) {
        return new FaultRule(fault, rate, times, whenPromptContains, delayMs, ms);
    }

    public long delayOrDefault() {
        return delayMs == null ? DEFAULT_DELAY_MS : delayMs;
    }

    public long retryAfterOrDefault() {
        return retryAfterMs == null ? DEFAULT_RETRY_AFTER_MS : retryAfterMs;
    }
}
