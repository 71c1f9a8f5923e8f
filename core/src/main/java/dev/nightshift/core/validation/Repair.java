package dev.nightshift.core.validation;

import java.util.Objects;

/**
 * What a repair attempt sends back to a model: its previous test and why it was rejected.
 *
 * @param round       1 for the first repair of the current model's test
 * @param previousTest the test the validator rejected
 * @param verdict     the rejection
 * @param diagnostics the first diagnostics, trimmed to the repair prompt's budget
 */
public record Repair(int round, String previousTest, Verdict verdict, String diagnostics) {
    public Repair {
        Objects.requireNonNull(previousTest, "previousTest");
        Objects.requireNonNull(verdict, "verdict");
        diagnostics = diagnostics == null ? "" : diagnostics;
        if (round < 1) {
            throw new IllegalArgumentException("repair round must be >= 1");
        }
    }
}
