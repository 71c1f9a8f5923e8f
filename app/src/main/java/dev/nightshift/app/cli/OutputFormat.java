package dev.nightshift.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nightshift.core.codec.Json;
import java.io.PrintStream;
import picocli.CommandLine.Option;

/**
 * {@code -o json|yaml|table}: how a command prints its answer. With {@code json} or {@code yaml} stdout carries one
 * document alone, so it pipes into {@code jq} or {@code yq}; anything meant for people goes to stderr. Both are the
 * same document: the YAML is written from the JSON text itself. {@code --json} stays as the older spelling.
 */
public final class OutputFormat {
    /** Keeps every string quoted, so an amount like "0.000812" stays a string in YAML as it is in JSON. */
    private static final ObjectMapper YAML = new YAMLMapper();

    /** The values as the user types them; picocli lists them in its error for anything else. */
    public enum Kind {
        json,
        yaml,
        table
    }

    @Option(
            names = {"-o", "--output"},
            paramLabel = "json|yaml|table",
            defaultValue = "table",
            description =
                    "json or yaml (one document on stdout, nothing else there) or table (for people). Default: ${DEFAULT-VALUE}.")
    Kind kind = Kind.table;

    @Option(names = "--json", description = "The same as -o json.")
    boolean jsonAlias;

    /** Whether stdout carries the answer as one document (json or yaml) and nothing else. */
    public boolean document() {
        return chosen() != Kind.table;
    }

    /** Prints the answer as the chosen document: what Jackson makes of it, as JSON or as YAML. */
    public void print(PrintStream out, Object answer) {
        try {
            printJson(out, Json.mapper().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + answer.getClass().getSimpleName() + " is always serialisable", e);
        }
    }

    /** Prints an answer already rendered as JSON text: as it is, or the same tree as YAML. */
    public void printJson(PrintStream out, String json) {
        if (chosen() != Kind.yaml) {
            out.println(json);
            return;
        }
        try {
            out.print(YAML.writeValueAsString(Json.mapper().readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the JSON nightshift wrote is always readable", e);
        }
    }

    private Kind chosen() {
        return jsonAlias ? Kind.json : kind;
    }
}
