package dev.nightshift.core.validation;

import java.util.Objects;

/**
 * What a repair attempt sends back to a model: its previous output and why it was rejected — a test the validator
 * rejected, or a document its review sent back.
 *
 * @param round       1 for the first repair of the current model's output
 * @param previousTest the rejected test or document
 * @param verdict     the test's rejection; {@code null} for a document (its findings are the diagnostics)
 * @param diagnostics the first diagnostics or the review's findings, trimmed to the repair prompt's budget
 */
public record Repair(int round, String previousTest, Verdict verdict, String diagnostics) {
    public Repair {
        Objects.requireNonNull(previousTest, "previousTest");
        diagnostics = diagnostics == null ? "" : diagnostics;
        if (round < 1) {
            throw new IllegalArgumentException("repair round must be >= 1");
        }
    }
}
