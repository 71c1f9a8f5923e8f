package dev.nightshift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code -o json|yaml|table}: the two documents are one tree, and only they make stdout a document. */
class OutputFormatTest {
    @Test
    void yamlIsTheSameTreeAsJsonWithStringsThatLookLikeNumbersOrBooleansKept() throws Exception {
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.put("runId", "r-1")
                .put("simulated", true)
                .put("outDir", "out: x")
                .put("yes", "yes")
                .put("empty", "")
                .put("rate", new BigDecimal("0.25"))
                .put("total", 3)
                .putNull("missing");
        summary.putObject("cost")
                .put("usd", "0.000812")
                .putObject("byModel")
                .put("gemini/gemini-1.5-flash", "0.000812");
        summary.putArray("notes").add("multi\nline").add("# not a comment").add("1e3");

        String json = printed(format("-o", "json"), summary);
        String yaml = printed(format("-o", "yaml"), summary);

        JsonNode fromJson = Json.mapper().readTree(json);
        assertThat(YamlDocuments.read(yaml)).isEqualTo(fromJson);
        assertThat(fromJson).isEqualTo(summary);
        assertThat(json.strip().lines()).hasSize(1);
    }

    @Test
    void onlyJsonAndYamlMakeStdoutADocumentAndJsonIsTheOlderSpelling() {
        assertThat(format().document()).isFalse();
        assertThat(format("-o", "table").document()).isFalse();
        assertThat(format("-o", "json").document()).isTrue();
        assertThat(format("--output", "yaml").document()).isTrue();
        assertThat(format("--json").document()).isTrue();
        assertThat(printed(format("--json"), java.util.List.of("a"))).isEqualTo("[\"a\"]" + System.lineSeparator());
    }

    @Test
    void anUnknownFormatIsRefusedWithTheChoices() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> format("-o", "xml")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("json, yaml, table");
    }

    private static OutputFormat format(String... args) {
        return CommandLine.populateCommand(new OutputFormat(), args);
    }

    private static String printed(OutputFormat format, Object answer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            format.print(out, answer);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
