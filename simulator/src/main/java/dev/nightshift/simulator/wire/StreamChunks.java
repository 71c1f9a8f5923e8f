package dev.nightshift.simulator.wire;

import java.util.ArrayList;
import java.util.List;

/** Splits a reply into the pieces a streaming model would send: a line, or at most 80 characters, at a time. */
public final class StreamChunks {
    private static final int MAX = 80;

    private StreamChunks() {}

    public static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            end = Math.min(end, start + MAX);
            // Never split a surrogate pair between two events.
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }
}
