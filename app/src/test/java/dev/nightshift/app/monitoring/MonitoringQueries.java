package dev.nightshift.app.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression of the Grafana dashboard (panels, nested rows included, and the query variables)
 * and of the alert rules, as Grafana and Prometheus would run them. Adapted from deploy's test helpers, which
 * this module cannot depend on.
 */
record MonitoringQueries(List<Query> dashboard, List<Alert> alerts) {
    static final String DASHBOARD = "monitoring/grafana/dashboards/nightshift.json";
    static final String RULES = "monitoring/prometheus/rules.yml";

    /**
     * One dashboard expression as Grafana sends it; {@code source} names the panel or variable, {@code panelType}
     * is the panel's type ({@code timeseries}, {@code stat}, …; {@code variable} for a query variable).
     */
    record Query(String source, String sent, String panelType) {
        Query(String source, String sent) {
            this(source, sent, "variable");
        }
    }

    /** One alerting rule: its name and expression. */
    record Alert(String name, String expr) {}

    /**
     * Grafana's substitutions for the dashboard as it opens: the default range (the dashboard's {@code time},
     * 6 h), {@code $__rate_interval} = max({@code $__interval} + scrape interval, 4 × scrape interval) with the
     * provisioned datasource's 15 s scrape interval (1 m for any range up to ~16 h at ~1000 px), and the
     * multi-value variables at their default "All", which sends their {@code allValue} {@code .*}.
     */
    static Map<String, String> grafanaVariables(JsonNode dashboard) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("__rate_interval", "1m");
        vars.put("__interval", "20s");
        vars.put("__range", "6h");
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            if ("datasource".equals(variable.path("type").asText())) {
                vars.put(name, variable.path("current").path("value").asText("nightshift-prometheus"));
            } else if (variable.path("includeAll").asBoolean()
                    && "$__all".equals(variable.path("current").path("value").asText())) {
                vars.put(name, variable.path("allValue").asText(".*"));
            } else {
                vars.put(name, variable.path("current").path("value").asText());
            }
        }
        return vars;
    }

    /** Replaces {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}, longest names first. */
    static String substitute(String expr, Map<String, String> vars) {
        String s = expr;
        List<String> names = new ArrayList<>(vars.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String name : names) {
            String value = Matcher.quoteReplacement(vars.get(name));
            s = s.replaceAll("\\$\\{" + Pattern.quote(name) + "(:[^}]*)?}", value)
                    .replaceAll("\\[\\[" + Pattern.quote(name) + "]]", value)
                    .replaceAll("\\$" + Pattern.quote(name) + "(?![A-Za-z0-9_])", value);
        }
        if (s.contains("$")) {
            throw new IllegalStateException("unsubstituted Grafana variable in: " + s);
        }
        return s;
    }

    static MonitoringQueries load(Path root) {
        try {
            JsonNode dash = new ObjectMapper().readTree(root.resolve(DASHBOARD).toFile());
            Map<String, String> vars = grafanaVariables(dash);
            List<Query> dashboard = new ArrayList<>();
            collectPanels(dash.path("panels"), vars, dashboard);
            Pattern labelValues = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
            for (JsonNode variable : dash.path("templating").path("list")) {
                JsonNode q = variable.path("query");
                Matcher m = labelValues.matcher(
                        q.isTextual() ? q.asText() : q.path("query").asText());
                if (m.matches()) {
                    // What Grafana's label_values(metric, label) asks Prometheus for.
                    dashboard.add(new Query(
                            "variable $" + variable.path("name").asText(),
                            "group by (" + m.group(2) + ") (" + m.group(1) + ")"));
                }
            }
            JsonNode ruleFile = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(root.resolve(RULES)));
            List<Alert> alerts = new ArrayList<>();
            for (JsonNode group : ruleFile.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    alerts.add(new Alert(
                            rule.path("alert").asText(rule.path("record").asText()),
                            rule.path("expr").asText().trim()));
                }
            }
            return new MonitoringQueries(dashboard, alerts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectPanels(JsonNode panels, Map<String, String> vars, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                if (!expr.isBlank()) {
                    into.add(new Query(
                            "panel '" + panel.path("title").asText() + "' "
                                    + target.path("refId").asText(),
                            substitute(expr, vars),
                            panel.path("type").asText()));
                }
            }
            collectPanels(panel.path("panels"), vars, into);
        }
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern METRIC = Pattern.compile("\\b(nightshift_[a-z0-9_]+)\\b");

    /** The nightshift metric names an expression selects. */
    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(STRING.matcher(expr).replaceAll("\"\""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The repository root: the nearest directory up from the working directory holding {@code monitoring/}. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(DASHBOARD)) && Files.isRegularFile(d.resolve(RULES))) {
                return d;
            }
        }
        throw new IllegalStateException(
                "cannot find " + DASHBOARD + " above " + dir + "; run the test from the repository");
    }
}
