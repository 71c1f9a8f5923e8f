package dev.nightshift.deploy.prometheus;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL lexing to find the metric names and label names an expression uses: string literals,
 * range/offset durations, Grafana variables and function calls are removed, what is left are identifiers.
 */
final class PromQl {
    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)\\}");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}");

    private PromQl() {}

    /** Metric names the expression selects. */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\$\\{?\\w+\\}?", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group(1);
            if (!KEYWORDS.contains(id.toLowerCase(Locale.ROOT)) && !id.matches("\\d.*")) {
                names.add(id);
            }
        }
        return names;
    }

    /** Label names in by/without/on/ignoring/group_* clauses. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher m = GROUPING.matcher(STRING.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            for (String l : m.group(2).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.trim());
                }
            }
        }
        return labels;
    }

    /** For each selector {@code name{...}}: its label names, keyed by metric name. */
    static java.util.Map<String, Set<String>> matcherLabels(String expr) {
        java.util.Map<String, Set<String>> result = new java.util.LinkedHashMap<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            Set<String> labels = result.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>());
            Matcher l = MATCHER_LABEL.matcher(STRING.matcher(m.group(2)).replaceAll("\"\""));
            while (l.find()) {
                labels.add(l.group(1));
            }
        }
        return result;
    }
}
