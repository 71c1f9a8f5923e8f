package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A test runner's file glob (Mocha's {@code spec}, Jest's {@code testMatch}, Vitest's {@code include}, pytest's
 * {@code python_files}), matched against '/'-separated relative paths. It understands what those runners'
 * matchers (minimatch, micromatch, fnmatch) accept in practice: {@code *}, {@code ?}, {@code **}
 * (any number of folders, none included), {@code [...]}, {@code {a,b}} and the extended groups
 * {@code ?(…)}, {@code *(…)}, {@code +(…)}, {@code @(…)}, {@code !(…)}.
 */
public final class Glob {
    private final String glob;
    private final Pattern regex;

    private Glob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    public static Glob of(String glob) {
        String g = glob.strip();
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        return new Glob(g, Pattern.compile(toRegex(g)));
    }

    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    /** The folder part before the first wildcard ({@code test/unit} of {@code test/unit/**}{@code /*.js}); empty if none. */
    public String staticFolder() {
        int wildcard = 0;
        while (wildcard < glob.length() && "*?[{(!@+".indexOf(glob.charAt(wildcard)) < 0) {
            wildcard++;
        }
        int slash = glob.lastIndexOf('/', wildcard == glob.length() ? glob.length() - 1 : wildcard);
        return slash < 0 ? "" : glob.substring(0, slash);
    }

    @Override
    public String toString() {
        return glob;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        Deque<Character> groups = new ArrayDeque<>();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean extglob = i + 1 < n && glob.charAt(i + 1) == '(' && "?*+@!".indexOf(c) >= 0;
            if (extglob) {
                groups.push(c);
                re.append(c == '!' ? "(?!(?:" : "(?:");
                i++;
            } else if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*') {
                boolean wholeSegment = (i == 0 || glob.charAt(i - 1) == '/');
                if (wholeSegment && i + 2 < n && glob.charAt(i + 2) == '/') {
                    re.append("(?:[^/]*/)*");
                    i += 2;
                } else {
                    re.append(".*");
                    i++;
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '{') {
                groups.push('{');
                re.append("(?:");
            } else if (c == ',' && !groups.isEmpty() && groups.peek() == '{') {
                re.append('|');
            } else if (c == '}' && !groups.isEmpty() && groups.peek() == '{') {
                groups.pop();
                re.append(')');
            } else if (c == '|' && !groups.isEmpty() && groups.peek() != '{') {
                re.append('|');
            } else if (c == ')' && !groups.isEmpty() && groups.peek() != '{') {
                char kind = groups.pop();
                re.append(
                        switch (kind) {
                            case '?' -> ")?";
                            case '*' -> ")*";
                            case '+' -> ")+";
                            case '!' -> "))[^/]*";
                            default -> ")";
                        });
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // An unclosed group is a typo in the config: close it rather than fail.
        while (!groups.isEmpty()) {
            groups.pop();
            re.append(')');
        }
        return re.toString();
    }
}
