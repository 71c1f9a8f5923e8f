package dev.nightshift.simulator.reply;

/**
 * A repair round in a prompt: the model's previous test, and why the validator rejected it.
 *
 * @param verdict the rejection's id as the prompt states it ({@code build-failed}, {@code failed}…), or null
 */
public record RepairSpec(int round, String verdict, String diagnostics, String previousTest) {
    public RepairSpec {
        diagnostics = diagnostics == null ? "" : diagnostics;
        previousTest = previousTest == null ? "" : previousTest;
    }
}
