package dev.nightshift.simulator.reply.tests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers shared by the language readers: blanking comments and strings, matching brackets, splitting lists. */
final class Source {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][\\w$]*");

    private Source() {}

    /**
     * The code with comments blanked (newlines kept) and, when {@code strings}, the inside of string,
     * character, template and regular-expression literals blanked too — same length, so positions match.
     */
    static String mask(String code, Dialect d, boolean strings) {
        char[] out = code.toCharArray();
        int i = 0;
        int n = out.length;
        char prevSignificant = '\n';
        while (i < n) {
            char c = code.charAt(i);
            if (d == Dialect.PYTHON && c == '#') {
                while (i < n && code.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
                continue;
            }
            if (d != Dialect.PYTHON && c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                while (i < n && code.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
                continue;
            }
            if (d != Dialect.PYTHON && c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                }
                continue;
            }
            if (d == Dialect.SCRIPT && c == '/' && "(,=:[!&|?{};+-*%<>~^".indexOf(prevSignificant) >= 0) {
                int j = i + 1;
                boolean inClass = false;
                while (j < n && code.charAt(j) != '\n') {
                    char k = code.charAt(j);
                    if (k == '\\') {
                        j += 2;
                        continue;
                    }
                    if (k == '[') {
                        inClass = true;
                    } else if (k == ']') {
                        inClass = false;
                    } else if (k == '/' && !inClass) {
                        break;
                    }
                    j++;
                }
                if (j < n && code.charAt(j) == '/') {
                    if (strings) {
                        for (int k = i + 1; k < j; k++) {
                            out[k] = ' ';
                        }
                    }
                    i = j + 1;
                    prevSignificant = 'x';
                    continue;
                }
            }
            boolean triple = (d == Dialect.PYTHON || d == Dialect.JAVA)
                    && (c == '"' || c == '\'' && d == Dialect.PYTHON)
                    && code.startsWith(String.valueOf(c).repeat(3), i);
            if (c == '"' || c == '\'' || c == '`' && (d == Dialect.SCRIPT || d == Dialect.GO)) {
                int j = triple ? i + 3 : i + 1;
                boolean raw = c == '`' && d == Dialect.GO;
                while (j < n) {
                    char k = code.charAt(j);
                    if (k == '\\' && !raw) {
                        j += 2;
                        continue;
                    }
                    if (triple ? code.startsWith(String.valueOf(c).repeat(3), j) : k == c) {
                        break;
                    }
                    if (k == '\n' && !triple && c != '`') {
                        break; // unterminated: stop at the line end
                    }
                    j++;
                }
                int close = Math.min(j, n);
                if (strings) {
                    for (int k = i + (triple ? 3 : 1); k < close; k++) {
                        if (out[k] != '\n') {
                            out[k] = ' ';
                        }
                    }
                }
                i = Math.min(n, close + (triple ? 3 : 1));
                prevSignificant = 'x';
                continue;
            }
            if (!Character.isWhitespace(c)) {
                prevSignificant = c;
            }
            i++;
        }
        return new String(out);
    }

    /** The index of the bracket closing the one at {@code open}, in masked text; -1 when unbalanced. */
    static int close(String masked, int open) {
        char o = masked.charAt(open);
        char c =
                switch (o) {
                    case '(' -> ')';
                    case '[' -> ']';
                    case '{' -> '}';
                    case '<' -> '>';
                    default -> throw new IllegalArgumentException("not a bracket: " + o);
                };
        int depth = 0;
        for (int i = open; i < masked.length(); i++) {
            char k = masked.charAt(i);
            if (k == o) {
                depth++;
            } else if (k == c) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Splits on commas that are not inside brackets (of any kind, including generics' angle brackets). */
    static List<String> splitTopLevel(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{' || c == '<') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}' || c == '>' && (i == 0 || text.charAt(i - 1) != '=')) {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = text.substring(start).trim();
        if (!last.isEmpty() || !parts.isEmpty()) {
            parts.add(last);
        }
        parts.removeIf(String::isEmpty);
        return parts;
    }

    /** Identifiers in masked text, in order, with the characters right before and after each. */
    record Word(String text, int start, int end, char before, char after, String afterText) {}

    static List<Word> words(String masked) {
        List<Word> words = new ArrayList<>();
        Matcher m = IDENT.matcher(masked);
        while (m.find()) {
            if (m.start() > 0 && Character.isDigit(masked.charAt(m.start() - 1))) {
                continue; // the suffix of a number, e.g. 6L or 1e5
            }
            int b = m.start() - 1;
            while (b >= 0 && masked.charAt(b) == ' ') {
                b--;
            }
            int a = m.end();
            while (a < masked.length() && (masked.charAt(a) == ' ' || masked.charAt(a) == '\t')) {
                a++;
            }
            words.add(new Word(
                    m.group(),
                    m.start(),
                    m.end(),
                    b < 0 ? '\n' : masked.charAt(b),
                    a < masked.length() ? masked.charAt(a) : '\n',
                    masked.substring(a, Math.min(masked.length(), a + 3))));
        }
        return words;
    }

    /** Literal values written in a condition (numbers and strings), as candidate arguments to try. */
    static List<Value> literals(String condition, Dialect d) {
        List<Value> out = new ArrayList<>();
        Matcher num =
                Pattern.compile("(?<![\\w.$])(-?\\d+(?:\\.\\d+)?)(?![\\w.])").matcher(mask(condition, d, true));
        while (num.find()) {
            String t = num.group(1);
            out.add(t.contains(".") ? new Value(Double.parseDouble(t)) : new Value(Long.parseLong(t)));
        }
        Matcher str = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"|'((?:[^'\\\\\\n]|\\\\.)*)'")
                .matcher(condition);
        while (str.find()) {
            String s = str.group(1) != null ? str.group(1) : str.group(2);
            if (!s.contains("\\")) {
                out.add(new Value(s));
            }
        }
        return out;
    }

    /**
     * The expressions inside template literals ({@code `${x}`}) or f-strings ({@code f"{x}"}), masked and
     * one a line: code that runs although string masking hides it.
     */
    static String interpolations(String code, Dialect d) {
        StringBuilder out = new StringBuilder();
        int n = code.length();
        for (int i = 0; i < n; i++) {
            char c = code.charAt(i);
            boolean template = d == Dialect.SCRIPT && c == '`';
            boolean fString = d == Dialect.PYTHON
                    && (c == '"' || c == '\'')
                    && i > 0
                    && (code.charAt(i - 1) == 'f' || code.charAt(i - 1) == 'F')
                    && (i < 2
                            || !Character.isLetterOrDigit(code.charAt(i - 2))
                            || "rR".indexOf(code.charAt(i - 2)) >= 0);
            if (!template && !fString) {
                if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && code.charAt(j) != c && code.charAt(j) != '\n') {
                        j += code.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j;
                }
                continue;
            }
            boolean triple = fString && code.startsWith(String.valueOf(c).repeat(3), i);
            int j = i + (triple ? 3 : 1);
            while (j < n) {
                char k = code.charAt(j);
                if (k == '\\') {
                    j += 2;
                    continue;
                }
                if (triple ? code.startsWith(String.valueOf(c).repeat(3), j) : k == c) {
                    break;
                }
                boolean open = template ? k == '$' && j + 1 < n && code.charAt(j + 1) == '{' : k == '{';
                if (fString && k == '{' && j + 1 < n && code.charAt(j + 1) == '{') {
                    j += 2;
                    continue;
                }
                if (open) {
                    int start = template ? j + 2 : j + 1;
                    int depth = 1;
                    int e = start;
                    while (e < n && depth > 0) {
                        char x = code.charAt(e);
                        if (x == '{') {
                            depth++;
                        } else if (x == '}') {
                            depth--;
                        }
                        e++;
                    }
                    String inner = code.substring(start, Math.max(start, e - 1));
                    out.append(mask(inner.replaceAll("![rsa]$", "").replaceAll(":[^:()\\[\\]{}]*$", ""), d, true))
                            .append('\n');
                    j = e;
                    continue;
                }
                j++;
            }
            i = j + (triple ? 2 : 0);
        }
        return out.toString();
    }

    private static final Pattern LAMBDA_HEAD = Pattern.compile("(?:\\(([^()]*)\\)|([A-Za-z_$][\\w$]*))\\s*$");

    /** The parameter names of the lambdas ({@code x -> …}, {@code (a, b) -> …}) in masked text. */
    static Set<String> lambdaParams(String masked) {
        Set<String> out = new LinkedHashSet<>();
        int arrow = masked.indexOf("->");
        while (arrow >= 0) {
            Matcher m = LAMBDA_HEAD.matcher(masked.substring(Math.max(0, arrow - 200), arrow));
            if (m.find()) {
                String list = m.group(1) != null ? m.group(1) : m.group(2);
                for (String p : list.split(",")) {
                    String[] words = p.trim().split("\\s+");
                    String name = words[words.length - 1];
                    if (name.matches("[A-Za-z_$][\\w$]*")) {
                        out.add(name);
                    }
                }
            }
            arrow = masked.indexOf("->", arrow + 2);
        }
        return out;
    }
}
