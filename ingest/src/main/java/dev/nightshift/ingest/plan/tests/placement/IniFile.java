package dev.nightshift.ingest.plan.tests.placement;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An INI file as Python's configparser reads setup.cfg, pytest.ini and tox.ini: {@code [section]} headers,
 * {@code key = value} or {@code key: value}, values continued on indented lines, {@code #} and {@code ;}
 * comment lines.
 */
final class IniFile {
    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String key = null;
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0)) && trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = sections.computeIfAbsent(
                        trimmed.substring(1, trimmed.length() - 1).strip(), k -> new HashMap<>());
                key = null;
            } else if (Character.isWhitespace(line.charAt(0)) && current != null && key != null) {
                current.merge(key, trimmed, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
            } else if (current != null) {
                int sep = firstSeparator(trimmed);
                if (sep > 0) {
                    key = trimmed.substring(0, sep).strip();
                    current.put(key, trimmed.substring(sep + 1).strip());
                }
            }
        }
        return new IniFile(sections);
    }

    boolean has(String section) {
        return sections.containsKey(section);
    }

    Optional<String> value(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key));
    }

    /** A list-valued option (pytest's {@code testpaths}): entries split on whitespace and newlines. */
    List<String> list(String section, String key) {
        return value(section, key)
                .map(v ->
                        Arrays.stream(v.split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
