package dev.nightshift.core.validation;

import java.util.Objects;

/**
 * The validator's verdict on one generated test.
 *
 * @param diagnostics what went wrong, for the repair prompt and the ledger (compiler errors with line numbers,
 *                    assertion messages), already trimmed; empty when the test passed
 * @param keptTest    the test as delivered: the candidate with its failing cases removed when only some
 *                    failed; {@code null} when nothing is kept
 * @param casesRun    test cases the candidate declared and the runner ran
 * @param casesKept   test cases in {@code keptTest}
 * @param runs        how many times the test was run
 */
public record Validation(
        Verdict verdict,
        String diagnostics,
        Coverage coverage,
        String keptTest,
        int casesRun,
        int casesKept,
        int runs,
        long durationMs) {
    public Validation {
        Objects.requireNonNull(verdict, "verdict");
        diagnostics = diagnostics == null ? "" : diagnostics;
        coverage = coverage == null ? Coverage.NONE : coverage;
    }

    public static Validation of(Verdict verdict, String diagnostics, long durationMs) {
        return new Validation(verdict, diagnostics, Coverage.NONE, null, 0, 0, 0, durationMs);
    }
}
