package dev.nightshift.simulator.reply;

/**
 * A top-level declaration found in a unit's code.
 *
 * @param kind      {@code class}, {@code interface}, {@code function}, {@code method}…
 * @param name      its name
 * @param signature the declaring line, trimmed
 * @param line      1-based line number
 */
public record Declaration(String kind, String name, String signature, int line) {
    public boolean isType() {
        return !kind.equals("function") && !kind.equals("method");
    }
}
