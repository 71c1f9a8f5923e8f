package dev.nightshift.core.config;

import java.time.Duration;

/**
 * How generated tests are judged before they count.
 *
 * @param runs             times each candidate runs; a failure after a pass is flaky (default 3)
 * @param testTimeoutSeconds wall time of one run of one candidate (default 60)
 * @param memoryMb         memory limit of a candidate's processes (default 2048)
 * @param maxProcesses     process limit of a candidate (default 256)
 * @param keepNoGain       deliver a passing test that covers nothing the existing suite does not (default false)
 * @param allowUnsandboxed run candidates without a sandbox when none is available (default false: refuse)
 * @param parallelism      candidates judged at once by one validator (default: half the cores, at least 1)
 */
public record ValidationConfig(
        Integer runs,
        Integer testTimeoutSeconds,
        Integer memoryMb,
        Integer maxProcesses,
        Boolean keepNoGain,
        Boolean allowUnsandboxed,
        Integer parallelism) {
    public static final ValidationConfig DEFAULTS = new ValidationConfig(null, null, null, null, null, null, null);

    public ValidationConfig {
        runs = runs == null ? 3 : runs;
        testTimeoutSeconds = testTimeoutSeconds == null ? 60 : testTimeoutSeconds;
        memoryMb = memoryMb == null ? 2048 : memoryMb;
        maxProcesses = maxProcesses == null ? 256 : maxProcesses;
        keepNoGain = keepNoGain != null && keepNoGain;
        allowUnsandboxed = allowUnsandboxed != null && allowUnsandboxed;
        parallelism = parallelism == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : parallelism;
        if (runs < 1) {
            throw new ConfigException("validation.runs must be >= 1, got " + runs);
        }
        if (testTimeoutSeconds < 1) {
            throw new ConfigException("validation.testTimeoutSeconds must be >= 1, got " + testTimeoutSeconds);
        }
        if (memoryMb < 64) {
            throw new ConfigException("validation.memoryMb must be >= 64, got " + memoryMb);
        }
        if (maxProcesses < 8) {
            throw new ConfigException("validation.maxProcesses must be >= 8, got " + maxProcesses);
        }
        if (parallelism < 1) {
            throw new ConfigException("validation.parallelism must be >= 1, got " + parallelism);
        }
    }

    public Duration testTimeout() {
        return Duration.ofSeconds(testTimeoutSeconds);
    }
}
