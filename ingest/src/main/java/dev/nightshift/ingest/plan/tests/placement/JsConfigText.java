package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads literal option values out of a JavaScript or TypeScript config file ({@code jest.config.js},
 * {@code vitest.config.ts}, {@code .mocharc.cjs}) without running it: {@code key: 'x'}, {@code key: ['a', 'b']},
 * {@code key: /regex/}, {@code key: true} and {@code key: { … }}. A value computed at run time reads as absent,
 * and the runner's default applies.
 */
final class JsConfigText {
    private final String code;

    private JsConfigText(String code) {
        this.code = code;
    }

    static JsConfigText of(String text) {
        return new JsConfigText(stripComments(text));
    }

    /** The object literal after the first {@code key:}, braces excluded. */
    Optional<JsConfigText> object(String key) {
        int at = valueStart(key);
        if (at < 0 || at >= code.length() || code.charAt(at) != '{') {
            return Optional.empty();
        }
        int close = matching(code, at, '{', '}');
        return Optional.of(new JsConfigText(code.substring(at + 1, close < 0 ? code.length() : close)));
    }

    /** A string, a regex literal, or the strings and regex literals of an array; empty when absent or computed. */
    List<String> strings(String key) {
        int at = valueStart(key);
        if (at < 0 || at >= code.length()) {
            return List.of();
        }
        char c = code.charAt(at);
        if (c == '[') {
            int close = matching(code, at, '[', ']');
            return literals(code.substring(at + 1, close < 0 ? code.length() : close));
        }
        if (c == '\'' || c == '"' || c == '`' || c == '/') {
            List<String> one = literals(code.substring(at));
            return one.isEmpty() ? List.of() : List.of(one.get(0));
        }
        return List.of();
    }

    Optional<Boolean> bool(String key) {
        int at = valueStart(key);
        if (at < 0) {
            return Optional.empty();
        }
        return code.startsWith("true", at)
                ? Optional.of(true)
                : code.startsWith("false", at) ? Optional.of(false) : Optional.empty();
    }

    /** Index of the value after {@code key:} (quoted or not), or -1. */
    private int valueStart(String key) {
        Matcher m = Pattern.compile("(?<![\\w$])(?:" + Pattern.quote(key) + "|'" + Pattern.quote(key) + "'|\""
                        + Pattern.quote(key) + "\")\\s*:\\s*")
                .matcher(code);
        return m.find() ? m.end() : -1;
    }

    private static List<String> literals(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '/') {
                int end = closingQuote(s, i);
                out.add(unescape(s.substring(i + 1, end), c));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static String unescape(String literal, char quote) {
        // A regex literal keeps its escapes: they are the pattern.
        return quote == '/' ? literal.replace("\\/", "/") : literal.replaceAll("\\\\(.)", "$1");
    }

    private static int closingQuote(String s, int open) {
        char quote = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i;
            }
            i++;
        }
        return s.length();
    }

    private static int matching(String s, int open, char opening, char closing) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(s, i) + 1;
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Comments out, strings kept whole: a glob like {@code 'src/**}{@code /*.js'} holds a comment opener. */
    static String stripComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = Math.min(closingQuote(text, i), n - 1);
                out.append(text, i, end + 1);
                i = end + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
