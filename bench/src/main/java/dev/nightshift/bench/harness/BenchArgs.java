package dev.nightshift.bench.harness;

/** Positional arguments of {@code bench/run NAME [ARGS…]}, with one clear message when one is wrong. */
public final class BenchArgs {
    private final String benchmark;
    private final String[] args;

    public BenchArgs(String benchmark, String[] args) {
        this.benchmark = benchmark;
        this.args = args.clone();
    }

    /** The positive integer at {@code index}, or {@code fallback} when absent; {@code _} also means absent. */
    public int positiveInt(int index, String name, int fallback) {
        if (index >= args.length || args[index].equals("_")) {
            return fallback;
        }
        String text = args[index].replace("_", "").replace(",", "");
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("bench/run " + benchmark + ": argument " + (index + 1) + " (" + name
                + ") must be a positive whole number, was '" + args[index] + "'; e.g. bench/run " + benchmark + " "
                + fallback);
    }
}
