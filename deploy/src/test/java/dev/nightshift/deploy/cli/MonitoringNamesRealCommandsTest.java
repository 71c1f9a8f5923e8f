package dev.nightshift.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nightshift.deploy.RepoFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An alert that tells the person on call to run a command the CLI lacks wastes the night it fires in: every
 * {@code `nightshift …`} in the alerts' annotations and the dashboard's descriptions must name a real command,
 * real options, and option values the command documents.
 */
class MonitoringNamesRealCommandsTest {
    private static final Pattern COMMAND_LINE = Pattern.compile("`(nightshift [^`]+)`");

    private final CliCommands cli = CliCommands.load();

    @Test
    void everyCommandInTheAlertsAndTheDashboardExists() throws IOException {
        // Given every command line the alerts and the dashboard show
        List<String> lines = new ArrayList<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(RepoFiles.resolve("monitoring/prometheus/rules.yml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rule.path("annotations").forEach(a -> lines.addAll(commandLines(a.asText())));
            }
        }
        JsonNode dashboard = new ObjectMapper()
                .readTree(RepoFiles.resolve("monitoring/grafana/dashboards/nightshift.json")
                        .toFile());
        dashboard
                .path("panels")
                .forEach(p -> lines.addAll(commandLines(p.path("description").asText())));
        assertThat(lines).as("the alerts point to commands").hasSizeGreaterThanOrEqualTo(4);

        // Then the CLI has each command, option and option value
        List<String> problems = new ArrayList<>();
        lines.forEach(l -> problems.addAll(cli.problems(l)));
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckKnowsTheCliAndCatchesWhatItLacks() {
        assertThat(cli.problems("nightshift jobs RUN --state dead-lettered --why"))
                .isEmpty();
        assertThat(cli.problems("nightshift ledger --run {{ $labels.run }} --format csv"))
                .isEmpty();
        assertThat(cli.problems("nightshift status -o json")).isEmpty();

        assertThat(cli.problems("nightshift dlq --provider deepseek"))
                .singleElement()
                .asString()
                .contains("no command 'dlq'");
        assertThat(cli.problems("nightshift status --dead-lettered"))
                .singleElement()
                .asString()
                .contains("status has no option --dead-lettered");
        assertThat(cli.problems("nightshift jobs RUN --state exploded"))
                .singleElement()
                .asString()
                .contains("does not take 'exploded'");
    }

    private static List<String> commandLines(String text) {
        List<String> lines = new ArrayList<>();
        Matcher m = COMMAND_LINE.matcher(text);
        while (m.find()) {
            lines.add(m.group(1));
        }
        return lines;
    }
}
