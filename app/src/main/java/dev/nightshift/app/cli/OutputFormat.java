package dev.nightshift.app.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o json|table}: how a command prints its answer. With {@code json} stdout carries the JSON alone, so it
 * pipes into {@code jq}; anything meant for people goes to stderr. {@code --json} stays as the older spelling.
 */
public final class OutputFormat {
    /** The values as the user types them; picocli lists them in its error for anything else. */
    public enum Kind {
        json, table
    }

    @Option(names = {"-o", "--output"}, paramLabel = "json|table", defaultValue = "table",
            description = "json (one JSON document on stdout, nothing else there) or table (for people). Default: ${DEFAULT-VALUE}.")
    Kind kind = Kind.table;

    @Option(names = "--json", description = "The same as -o json.")
    boolean jsonAlias;

    public boolean json() {
        return jsonAlias || kind == Kind.json;
    }
}
