package dev.nightshift.simulator.reply;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small pieces of Markdown the document writers share: code spans, fences, lists of names, first sentences. */
final class Markdown {
    private static final Pattern FENCE_LINE = Pattern.compile("^\\s*(`{3,}|~{3,})");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    private Markdown() {}

    /** {@code text} as an inline code span, with a longer delimiter when it holds backticks. */
    static String code(String text) {
        if (!text.contains("`")) {
            return "`" + text + "`";
        }
        String ticks = "`".repeat(longestRun(text, '`') + 1);
        return ticks + " " + text + " " + ticks;
    }

    /** A fence longer than any backtick run in the content, so the content cannot close it early. */
    static String fenceFor(String content) {
        return "`".repeat(Math.max(3, longestRun(content, '`') + 1));
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** {@code `a`}, {@code `a` and `b`}, {@code `a`, `b` and `c`}. */
    static String listing(List<String> names) {
        List<String> spans = names.stream().map(Markdown::code).toList();
        if (spans.size() <= 1) {
            return spans.isEmpty() ? "" : spans.get(0);
        }
        return String.join(", ", spans.subList(0, spans.size() - 1)) + " and " + spans.get(spans.size() - 1);
    }

    /** {@code cartTotal} → {@code cart total}; {@code MAX_SIZE} → {@code max size}. */
    static String humanise(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replaceAll("[_$.]+", " ")
                .trim()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? name : spaced;
    }

    /**
     * The first sentence a document gives of its subject: from its Purpose section, else its Overview, else the
     * paragraph of a folder summary that relates its parts, else its first paragraph of prose. Null when it has none.
     */
    static String firstSentence(String document) {
        for (String section : List.of("Purpose", "Overview", "How the parts relate")) {
            String paragraph = firstParagraph(document, section);
            if (paragraph != null) {
                return sentence(paragraph);
            }
        }
        String paragraph = firstParagraph(document, null);
        return paragraph == null ? null : sentence(paragraph);
    }

    /** The first paragraph of prose under the heading named {@code section} (anywhere when null), outside code blocks. */
    private static String firstParagraph(String document, String section) {
        boolean inSection = section == null;
        String fence = null;
        StringBuilder paragraph = new StringBuilder();
        for (String line : document.split("\\R")) {
            Matcher f = FENCE_LINE.matcher(line);
            if (fence != null) {
                if (f.find()
                        && f.group(1).charAt(0) == fence.charAt(0)
                        && f.group(1).length() >= fence.length()
                        && line.trim().length() == f.group(1).length()) {
                    fence = null;
                }
                continue;
            }
            if (f.find()) {
                if (paragraph.length() > 0) {
                    return paragraph.toString();
                }
                fence = f.group(1);
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (paragraph.length() > 0) {
                    return paragraph.toString();
                }
                if (section != null) {
                    inSection = h.group(2).equalsIgnoreCase(section);
                }
                continue;
            }
            if (!inSection) {
                continue;
            }
            String t = line.trim();
            if (t.isEmpty() || t.matches("^([-*+>|]|\\d+[.)]).*")) {
                if (paragraph.length() > 0) {
                    return paragraph.toString();
                }
                continue;
            }
            if (paragraph.length() > 0) {
                paragraph.append(' ');
            }
            paragraph.append(t);
        }
        return paragraph.length() > 0 ? paragraph.toString() : null;
    }

    /** Up to the first full stop, question or exclamation mark that ends a sentence; code spans are skipped whole. */
    static String sentence(String paragraph) {
        int i = 0;
        while (i < paragraph.length()) {
            char c = paragraph.charAt(i);
            if (c == '`') {
                int run = 1;
                while (i + run < paragraph.length() && paragraph.charAt(i + run) == '`') {
                    run++;
                }
                int close = paragraph.indexOf("`".repeat(run), i + run);
                i = close < 0 ? i + run : close + run;
                continue;
            }
            if ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == paragraph.length() || Character.isWhitespace(paragraph.charAt(i + 1)))) {
                return paragraph.substring(0, i + 1);
            }
            i++;
        }
        String whole = paragraph.strip();
        return whole.endsWith(".") ? whole : whole + ".";
    }
}
