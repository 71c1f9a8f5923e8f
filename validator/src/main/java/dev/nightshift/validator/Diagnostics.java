package dev.nightshift.validator;

import java.util.List;

/** Text for the repair prompt and the ledger: bounded, most important first. */
public final class Diagnostics {
    private static final String CUT = "\n[… trimmed]";

    private Diagnostics() {}

    /** The parts in order, one per line, cut at {@code max} characters with a marker saying so. */
    public static String trim(List<String> parts, int max) {
        return trim(
                String.join(
                        "\n",
                        parts.stream().filter(p -> p != null && !p.isBlank()).toList()),
                max);
    }

    public static String trim(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (t.length() <= max) {
            return t;
        }
        if (max <= CUT.length()) {
            return t.substring(0, Math.max(0, max));
        }
        return t.substring(0, max - CUT.length()) + CUT;
    }

    /** A failure as one line: its message (or its class when it has none), newlines folded. */
    public static String oneLine(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage();
        return oneLine(message);
    }

    public static String oneLine(String text) {
        String folded = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return folded.length() > 500 ? folded.substring(0, 497) + "..." : folded;
    }
}
