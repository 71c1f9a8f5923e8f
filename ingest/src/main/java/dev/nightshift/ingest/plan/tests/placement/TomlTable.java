package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of a TOML file (pyproject.toml's {@code [tool.pytest.ini_options]}), read for string and
 * string-array values only: that is all pytest's options need, and it spares a TOML library.
 */
final class TomlTable {
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'");

    private final String body;

    private TomlTable(String body) {
        this.body = body;
    }

    /** The table named {@code name}, up to the next table header; empty when the file has none. */
    static Optional<TomlTable> of(String text, String name) {
        Matcher header = Pattern.compile("(?m)^\\s*\\[\\s*" + Pattern.quote(name) + "\\s*]\\s*(?:#.*)?$")
                .matcher(text);
        if (!header.find()) {
            return Optional.empty();
        }
        Matcher next = Pattern.compile("(?m)^\\s*\\[\\[?\\s*[A-Za-z0-9_.\"'-]+\\s*]]?\\s*(?:#.*)?$")
                .matcher(text);
        int end = next.find(header.end()) ? next.start() : text.length();
        return Optional.of(new TomlTable(text.substring(header.end(), end)));
    }

    /** A key's strings: the elements of an array, or a single string; empty when absent. */
    List<String> strings(String key) {
        Matcher m =
                Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=\\s*").matcher(body);
        if (!m.find()) {
            return List.of();
        }
        String rest = body.substring(m.end());
        String value;
        if (rest.startsWith("[")) {
            int close = closingBracket(rest);
            value = rest.substring(1, close < 0 ? rest.length() : close);
        } else {
            int eol = rest.indexOf('\n');
            value = eol < 0 ? rest : rest.substring(0, eol);
        }
        List<String> out = new ArrayList<>();
        Matcher q = QUOTED.matcher(value);
        while (q.find()) {
            out.add(q.group(1) != null ? q.group(1) : q.group(2));
        }
        return out;
    }

    private static int closingBracket(String s) {
        boolean inString = false;
        char quote = 0;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
