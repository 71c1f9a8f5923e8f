package dev.nightshift.simulator.reply;

/**
 * A repair round in a prompt: the model's previous artifact, and why it was rejected. A tests prompt calls it a
 * repair round ({@code Diagnostics:}, {@code Previous test:}); a docs prompt a review round ({@code Findings:},
 * {@code Previous document:}). The shape is the same, so one record serves both.
 *
 * @param verdict     the rejection's id as the prompt states it ({@code build-failed}, {@code docs-review}…), or null
 * @param diagnostics the validator's diagnostics or the reviewer's findings
 * @param previous    the rejected test file or document
 */
public record RepairSpec(int round, String verdict, String diagnostics, String previous) {
    public RepairSpec {
        diagnostics = diagnostics == null ? "" : diagnostics;
        previous = previous == null ? "" : previous;
    }
}
