package dev.nightshift.core.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether Markdown is whole: it has a heading, every code fence it opens is closed, and every table row has its
 * header's number of cells. A reply cut mid-document almost always fails one of these (it ends inside a fence or a
 * table), which is why they are checked before a document counts.
 */
public final class MarkdownCheck {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+\\S");
    private static final Pattern DELIMITER_ROW =
            Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

    private MarkdownCheck() {}

    /** The problems found, each a sentence naming the line; empty when the document is well formed. */
    public static List<String> problems(String markdown) {
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        if (!HEADING.matcher(withoutFencedBlocks(markdown)).find()) {
            problems.add("no Markdown heading (start with a '# ' title)");
        }
        String openFence = null;
        int openedAt = 0;
        int tableCells = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (openFence != null) {
                if (f.matches() && closes(openFence, f.group(1)) && f.group(2).isBlank()) {
                    openFence = null;
                }
                continue;
            }
            if (f.matches()) {
                openFence = f.group(1);
                openedAt = i + 1;
                tableCells = -1;
                continue;
            }
            tableCells = checkTableRow(lines, i, tableCells, problems);
        }
        if (openFence != null) {
            problems.add("unclosed code fence opened at line " + openedAt);
        }
        return problems;
    }

    /** A closing fence uses the opening's character, at least as many times. */
    private static boolean closes(String open, String candidate) {
        return candidate.charAt(0) == open.charAt(0) && candidate.length() >= open.length();
    }

    /** @return the cell count of the table the line belongs to, or -1 outside a table */
    private static int checkTableRow(String[] lines, int i, int tableCells, List<String> problems) {
        String line = lines[i];
        if (!line.strip().startsWith("|")) {
            return -1;
        }
        if (tableCells < 0) {
            boolean header =
                    i + 1 < lines.length && DELIMITER_ROW.matcher(lines[i + 1]).matches();
            return header ? cells(line) : -1;
        }
        if (DELIMITER_ROW.matcher(line).matches()) {
            return tableCells;
        }
        if (cells(line) != tableCells) {
            problems.add("table row at line " + (i + 1) + " has " + cells(line) + " cells, its header " + tableCells);
        }
        return tableCells;
    }

    private static int cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        return r.split("(?<!\\\\)\\|", -1).length;
    }

    /** The Markdown without its fenced blocks (a {@code #} in code is no heading; an example's names are not claims). */
    static String withoutFencedBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        String open = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher f = FENCE.matcher(line);
            if (open == null && f.matches()) {
                open = f.group(1);
            } else if (open != null && f.matches() && closes(open, f.group(1))) {
                open = null;
            } else if (open == null) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
