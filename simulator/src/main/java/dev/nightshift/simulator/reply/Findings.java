package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a docs review found wrong with a document, one finding a line: {@code unknown names: Cart.frobnicate, Totals}
 * (names the document uses that the code does not have) and {@code missing public symbols: Cart.total()}, each
 * possibly with a note before the colon ({@code unknown names (not in the code you were given; …): …}). Other
 * findings (an unclosed code fence) need nothing of the simulated model: its documents are always well formed.
 */
record Findings(List<String> unknownNames, List<String> missingSymbols) {
    static final Findings NONE = new Findings(List.of(), List.of());
    /** The kind of finding, an optional note in parentheses (advice to the model), a colon, the names. */
    private static final Pattern FINDING = Pattern.compile(
            "(?i)^(?:[-*]\\s+)?(unknown names?|missing public symbols?)\\s*(?:\\([^)]*\\))?\\s*:\\s*(.*)$");

    static Findings parse(String text) {
        List<String> unknown = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = FINDING.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            (m.group(1).toLowerCase(Locale.ROOT).startsWith("unknown") ? unknown : missing)
                    .addAll(NameList.parse(m.group(2)));
        }
        return new Findings(List.copyOf(unknown), List.copyOf(missing));
    }

    /** Whether a finding names this symbol: the same name, or one of them the other with its owner in front. */
    boolean isUnknown(String qualifiedName) {
        for (String finding : unknownNames) {
            String f = ApiEntry.withoutParameters(finding);
            if (f.equals(qualifiedName) || qualifiedName.endsWith("." + f) || f.endsWith("." + qualifiedName)) {
                return true;
            }
        }
        return false;
    }
}
