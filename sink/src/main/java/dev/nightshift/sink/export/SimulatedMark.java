package dev.nightshift.sink.export;

import java.util.Locale;

/** The first line of an artifact written by the simulator in a dry run, in the file's own comment syntax. */
public final class SimulatedMark {
    static final String NOTE = "nightshift dry run: written by the simulator, not by a model";

    private SimulatedMark() {
    }

    public static String apply(String path, String text) {
        String lower = path.toLowerCase(Locale.ROOT);
        String line;
        if (lower.endsWith(".md")) {
            line = "<!-- " + NOTE + " -->";
        } else if (lower.endsWith(".py") || lower.endsWith(".rb") || lower.endsWith(".sh") || lower.endsWith(".txt")) {
            line = "# " + NOTE;
        } else {
            line = "// " + NOTE;
        }
        return line + "\n" + text;
    }
}
