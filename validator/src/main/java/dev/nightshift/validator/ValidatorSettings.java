package dev.nightshift.validator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the validator judges candidates.
 *
 * @param home            where workspaces live ({@code $NIGHTSHIFT_HOME/validator})
 * @param runs            times each candidate runs; any failure after a pass is flaky
 * @param testTimeout     wall time of one run of one candidate
 * @param memoryBytes     memory limit of a candidate's processes
 * @param maxProcesses    process limit of a candidate
 * @param keepNoGain      deliver a passing test that covers nothing new
 * @param allowUnsandboxed run candidates without a sandbox when none is available (never the default)
 * @param diagnosticChars most characters of diagnostics kept for the repair prompt and the ledger
 */
public record ValidatorSettings(
        Path home,
        int runs,
        Duration testTimeout,
        long memoryBytes,
        int maxProcesses,
        boolean keepNoGain,
        boolean allowUnsandboxed,
        int diagnosticChars) {
    public static ValidatorSettings defaults(Path home) {
        return new ValidatorSettings(home, 3, Duration.ofSeconds(60), 2L << 30, 256, false, false, 4000);
    }
}
