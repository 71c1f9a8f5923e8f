package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comma-separated list of names as the prompts write them ({@code Cart, Cart.put(String, Item)}): commas inside
 * brackets belong to a signature, not to the list, and {@code none} is the empty list.
 */
final class NameList {
    private NameList() {}

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null
                || text.isBlank()
                || text.trim().toLowerCase(Locale.ROOT).startsWith("none")) {
            return out;
        }
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '<' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '>' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            if (c == ',' && depth == 0) {
                add(out, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder name) {
        String n = name.toString().trim();
        if (!n.isEmpty()) {
            out.add(n);
        }
    }
}
