package dev.nightshift.deploy.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nightshift.deploy.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Every PromQL expression of the Grafana dashboard and of the alert rules, with where it comes from. */
record MonitoringQueries(List<Query> dashboard, List<Query> rules) {

    /** One expression; {@code source} names the panel or alert, for messages. */
    record Query(String source, String expr) {
        /** The expression with Grafana's variables replaced, as Grafana would send it to Prometheus. */
        String asSent() {
            return expr.replace("$__rate_interval", "1m")
                    .replace("$__range", "5m")
                    .replace("$provider", ".*")
                    .replace("$run", ".*");
        }
    }

    static MonitoringQueries load() {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode dash = json.readTree(RepoFiles.resolve("monitoring/grafana/dashboards/nightshift.json")
                    .toFile());
            List<Query> dashboard = new ArrayList<>();
            for (JsonNode panel : dash.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    dashboard.add(new Query(
                            "panel '" + panel.path("title").asText() + "' "
                                    + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
            for (JsonNode variable : dash.path("templating").path("list")) {
                String q = variable.path("query").path("query").asText();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)")
                        .matcher(q);
                if (m.matches()) {
                    dashboard.add(new Query(
                            "variable $" + variable.path("name").asText(),
                            "group by (" + m.group(2) + ") (" + m.group(1) + ")"));
                }
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode ruleFile = yaml.readTree(
                    RepoFiles.resolve("monitoring/prometheus/rules.yml").toFile());
            List<Query> rules = new ArrayList<>();
            for (JsonNode group : ruleFile.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    rules.add(new Query(
                            "alert "
                                    + rule.path("alert")
                                            .asText(rule.path("record").asText()),
                            rule.path("expr").asText()));
                }
            }
            return new MonitoringQueries(dashboard, rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Query> all() {
        List<Query> all = new ArrayList<>(dashboard);
        all.addAll(rules);
        return all;
    }
}
