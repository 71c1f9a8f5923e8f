package dev.nightshift.ingest.unit;

import java.util.ArrayList;
import java.util.List;

/** A text's lines, with line numbers from 1, and slices that keep the original line endings' content. */
final class Lines {
    private final List<String> lines;

    Lines(String text) {
        List<String> all = new ArrayList<>(List.of(text.split("\n", -1)));
        // A trailing newline ends the last line; it does not start a new one.
        if (all.size() > 1 && all.get(all.size() - 1).isEmpty()) {
            all.remove(all.size() - 1);
        }
        for (int i = 0; i < all.size(); i++) {
            String l = all.get(i);
            if (l.endsWith("\r")) {
                all.set(i, l.substring(0, l.length() - 1));
            }
        }
        this.lines = all;
    }

    int count() {
        return lines.size();
    }

    /** Line {@code n}, 1-based. */
    String get(int n) {
        return lines.get(n - 1);
    }

    /** Lines {@code from}..{@code to}, 1-based and inclusive, joined with '\n' and ending with one. */
    String slice(int from, int to) {
        return String.join("\n", lines.subList(from - 1, to)) + "\n";
    }
}
