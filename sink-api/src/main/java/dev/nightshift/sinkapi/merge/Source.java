package dev.nightshift.sinkapi.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test file's text with what each character is (code, string literal, comment), enough to cut it into top-level
 * statements and to rename identifiers outside literals and comments, without a full parser. Used for Python,
 * JavaScript/TypeScript and Go; Java has a real parser.
 */
final class Source {
    enum Syntax {
        PYTHON,
        JAVASCRIPT,
        GO
    }

    /** What a character is. */
    static final byte CODE = 0;

    static final byte STRING = 1;
    static final byte COMMENT = 2;

    final String text;
    final Syntax syntax;
    /** {@link #CODE}, {@link #STRING} or {@link #COMMENT} per character. */
    final byte[] kind;
    /** Bracket depth (of {@code ()}, {@code []} and {@code {}}) before each character. */
    final int[] depth;

    Source(String text, Syntax syntax) {
        this.text = text.replace("\r\n", "\n");
        this.syntax = syntax;
        this.kind = new byte[this.text.length()];
        this.depth = new int[this.text.length() + 1];
        scan();
    }

    /**
     * One top-level statement: its leading comment lines (attached), its text, and the blank lines after it.
     *
     * @param start where its first line (or first attached comment) starts
     * @param code  where its code starts (after the attached comments)
     * @param end   where it ends: after its last non-blank line's newline
     */
    record Statement(int start, int code, int end) {}

    /** The statement's text, attached comments included, without trailing blank lines. */
    String text(Statement s) {
        return text.substring(s.start(), s.end());
    }

    /** The statement's code, without the comments attached before it. */
    String code(Statement s) {
        return text.substring(s.code(), s.end());
    }

    /**
     * The file cut into top-level statements: a statement starts at a line whose first character is code at
     * column 0 and bracket depth 0 (and that does not continue the previous statement: Python's
     * {@code else}/{@code except}/…, JavaScript's {@code else}/{@code catch}/closing brackets or a decorator's
     * target); comment lines right before it belong to it.
     */
    List<Statement> statements() {
        List<Statement> out = new ArrayList<>();
        int[] lineStarts = lineStarts();
        int current = -1;
        int currentCode = -1;
        int lastNonBlankEnd = -1;
        int pendingComments = -1;
        boolean continued = false;
        for (int li = 0; li < lineStarts.length; li++) {
            int ls = lineStarts[li];
            int le = text.indexOf('\n', ls);
            int lineEnd = le < 0 ? text.length() : le + 1;
            int first = firstNonSpace(ls, lineEnd);
            if (first < 0) {
                continue;
            }
            boolean col0 = first == ls;
            boolean startsStatement = col0
                    && kind[first] == CODE
                    && depth[first] == 0
                    && !continued
                    && !continuesPrevious(first, current >= 0 ? text.substring(currentCode, lastNonBlankEnd) : "");
            boolean commentLine = col0 && kind[first] == COMMENT && depth[first] == 0 && !inStringAt(ls);
            if (startsStatement) {
                if (current >= 0) {
                    out.add(new Statement(current, currentCode, lastNonBlankEnd));
                }
                current = pendingComments >= 0 ? pendingComments : ls;
                currentCode = ls;
                pendingComments = -1;
            } else if (commentLine && (current < 0 || nextCodeLineStartsStatement(li, lineStarts))) {
                if (pendingComments < 0) {
                    pendingComments = ls;
                }
            } else {
                if (current < 0) {
                    // code before any statement (e.g. a shebang's continuation): it starts the first one
                    current = pendingComments >= 0 ? pendingComments : ls;
                    currentCode = ls;
                }
                pendingComments = -1;
            }
            if (pendingComments < 0 || startsStatement) {
                lastNonBlankEnd = lineEnd;
            }
            continued = syntax == Syntax.PYTHON && endsWithBackslash(ls, lineEnd);
        }
        if (current >= 0) {
            out.add(new Statement(current, currentCode, lastNonBlankEnd));
        }
        return out;
    }

    /**
     * Whether the next line with code starts a statement (so comment lines before it belong to it) rather than
     * continuing the current one (a comment inside an indented Python body). Comments at the end of the file, after
     * the last statement, belong to no statement.
     */
    private boolean nextCodeLineStartsStatement(int li, int[] lineStarts) {
        for (int j = li + 1; j < lineStarts.length; j++) {
            int ls = lineStarts[j];
            int le = text.indexOf('\n', ls);
            int first = firstNonSpace(ls, le < 0 ? text.length() : le + 1);
            if (first < 0) {
                continue;
            }
            if (kind[first] == COMMENT && first == ls) {
                continue;
            }
            return first == ls && kind[first] == CODE && depth[first] == 0;
        }
        return true;
    }

    private boolean continuesPrevious(int first, String previous) {
        String rest = text.substring(first, Math.min(text.length(), first + 12));
        return switch (syntax) {
            case PYTHON ->
                startsWithWord(rest, "else")
                        || startsWithWord(rest, "elif")
                        || startsWithWord(rest, "except")
                        || startsWithWord(rest, "finally")
                        || previous.stripLeading().startsWith("@") && !hasDefOrClass(previous);
            case JAVASCRIPT ->
                ")]}.?:,".indexOf(rest.charAt(0)) >= 0
                        || startsWithWord(rest, "else")
                        || startsWithWord(rest, "catch")
                        || startsWithWord(rest, "finally")
                        || previous.strip().startsWith("@") && !previous.strip().contains("\n");
            case GO -> ")}".indexOf(rest.charAt(0)) >= 0;
        };
    }

    private static boolean hasDefOrClass(String decorated) {
        for (String line : decorated.split("\n")) {
            String l = line.strip();
            if (l.startsWith("def ") || l.startsWith("async def ") || l.startsWith("class ")) {
                return true;
            }
        }
        return false;
    }

    static boolean startsWithWord(String s, String word) {
        return s.startsWith(word) && (s.length() == word.length() || !isIdentifierPart(s.charAt(word.length())));
    }

    /**
     * {@code text} with each identifier of {@code renames} replaced where it is code and not a member access
     * ({@code x.name}) — unless {@code memberOf} names the receivers whose members are renamed too (Python's
     * {@code self}, {@code cls}).
     */
    static String rename(String text, Syntax syntax, Map<String, String> renames, Set<String> memberOf) {
        if (renames.isEmpty()) {
            return text;
        }
        Source s = new Source(text, syntax);
        StringBuilder out = new StringBuilder(text.length() + 16);
        String t = s.text;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (s.kind[i] == CODE && isIdentifierStart(c) && (i == 0 || !isIdentifierPart(t.charAt(i - 1)))) {
                int j = i + 1;
                while (j < t.length() && isIdentifierPart(t.charAt(j))) {
                    j++;
                }
                String word = t.substring(i, j);
                String replacement = renames.get(word);
                if (replacement != null && (!afterDot(t, i) || memberOf.contains(receiver(t, i)))) {
                    out.append(replacement);
                } else {
                    out.append(word);
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean afterDot(String t, int i) {
        int p = i - 1;
        while (p >= 0 && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
            p--;
        }
        return p >= 0 && t.charAt(p) == '.' && !(p > 0 && t.charAt(p - 1) == '.');
    }

    /** The identifier before {@code .name}, e.g. {@code self}. */
    private static String receiver(String t, int i) {
        int p = t.lastIndexOf('.', i) - 1;
        while (p >= 0 && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
            p--;
        }
        int end = p + 1;
        while (p >= 0 && isIdentifierPart(t.charAt(p))) {
            p--;
        }
        return t.substring(p + 1, end);
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private int[] lineStarts() {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private int firstNonSpace(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return i;
            }
        }
        return -1;
    }

    private boolean inStringAt(int pos) {
        return pos > 0 && kind[pos - 1] == STRING && kind[pos] == STRING;
    }

    private boolean endsWithBackslash(int ls, int lineEnd) {
        int e = lineEnd - 1;
        while (e >= ls && (text.charAt(e) == '\n' || text.charAt(e) == '\r')) {
            e--;
        }
        return e >= ls && text.charAt(e) == '\\' && kind[e] == CODE;
    }

    private void scan() {
        String t = text;
        int d = 0;
        int i = 0;
        // JavaScript template literals: the stack holds the depth at which each ${…} expression returns to its literal
        java.util.ArrayDeque<Integer> templates = new java.util.ArrayDeque<>();
        boolean inTemplate = false;
        while (i < t.length()) {
            char c = t.charAt(i);
            depth[i] = d;
            if (inTemplate) {
                kind[i] = STRING;
                if (c == '\\' && i + 1 < t.length()) {
                    kind[i + 1] = STRING;
                    depth[i + 1] = d;
                    i += 2;
                } else if (c == '`') {
                    inTemplate = false;
                    i++;
                } else if (c == '$' && next(i) == '{') {
                    kind[i + 1] = STRING;
                    depth[i + 1] = d;
                    templates.push(d);
                    d++;
                    inTemplate = false;
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (syntax == Syntax.JAVASCRIPT && c == '}' && !templates.isEmpty() && templates.peek() == d - 1) {
                templates.pop();
                d--;
                depth[i] = d;
                kind[i] = STRING;
                inTemplate = true;
                i++;
                continue;
            }
            if (syntax == Syntax.PYTHON && c == '#' || syntax != Syntax.PYTHON && c == '/' && next(i) == '/') {
                i = until(i, '\n', COMMENT);
                continue;
            }
            if (syntax != Syntax.PYTHON && c == '/' && next(i) == '*') {
                int end = t.indexOf("*/", i + 2);
                i = mark(i, end < 0 ? t.length() : end + 2, COMMENT);
                continue;
            }
            if (syntax == Syntax.PYTHON && (c == '\'' || c == '"')) {
                i = pythonString(i);
                continue;
            }
            if (syntax == Syntax.JAVASCRIPT && c == '`') {
                kind[i] = STRING;
                inTemplate = true;
                i++;
                continue;
            }
            if (syntax == Syntax.GO && c == '`') {
                int end = t.indexOf('`', i + 1);
                i = mark(i, end < 0 ? t.length() : end + 1, STRING);
                continue;
            }
            if (c == '\'' || c == '"') {
                i = quoted(i, c);
                continue;
            }
            if (syntax == Syntax.JAVASCRIPT && c == '/' && regexAllowed(i)) {
                i = regex(i);
                continue;
            }
            kind[i] = CODE;
            if (c == '(' || c == '[' || c == '{') {
                d++;
            } else if ((c == ')' || c == ']' || c == '}') && d > 0) {
                d--;
            }
            i++;
        }
        depth[t.length()] = d;
    }

    private char next(int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    }

    private int until(int from, char stop, byte k) {
        int end = text.indexOf(stop, from);
        return mark(from, end < 0 ? text.length() : end, k);
    }

    private int mark(int from, int to, byte k) {
        for (int i = from; i < to; i++) {
            kind[i] = k;
            depth[i] = depth[from];
        }
        return to;
    }

    private int quoted(int from, char quote) {
        int i = from + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote || c == '\n') {
                i++;
                break;
            }
            i++;
        }
        return mark(from, Math.min(i, text.length()), STRING);
    }

    private int pythonString(int from) {
        char q = text.charAt(from);
        String triple = String.valueOf(q).repeat(3);
        boolean isTriple = text.startsWith(triple, from);
        int i = from + (isTriple ? 3 : 1);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (isTriple ? text.startsWith(triple, i) : c == q) {
                return mark(from, i + (isTriple ? 3 : 1), STRING);
            }
            if (!isTriple && c == '\n') {
                break;
            }
            i++;
        }
        return mark(from, Math.min(i, text.length()), STRING);
    }

    private boolean regexAllowed(int i) {
        int p = i - 1;
        while (p >= 0 && Character.isWhitespace(text.charAt(p))) {
            p--;
        }
        if (p < 0) {
            return true;
        }
        char prev = text.charAt(p);
        if ("(,=:[!&|?{};+-*%<>~^".indexOf(prev) >= 0) {
            return true;
        }
        int end = p + 1;
        while (p >= 0 && isIdentifierPart(text.charAt(p))) {
            p--;
        }
        String word = text.substring(p + 1, end);
        return Set.of(
                        "return",
                        "typeof",
                        "instanceof",
                        "in",
                        "of",
                        "new",
                        "delete",
                        "void",
                        "throw",
                        "case",
                        "do",
                        "else")
                .contains(word);
    }

    private int regex(int from) {
        int i = from + 1;
        boolean inClass = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\n') {
                // not a regular expression after all: a division; leave it as code
                kind[from] = CODE;
                return from + 1;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                i++;
                while (i < text.length() && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                return mark(from, i, STRING);
            }
            i++;
        }
        kind[from] = CODE;
        return from + 1;
    }
}
