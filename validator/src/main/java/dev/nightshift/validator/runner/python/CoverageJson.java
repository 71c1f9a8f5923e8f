package dev.nightshift.validator.runner.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightshift.validator.runner.FileLines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the report of {@code coverage json} (format 3 and the ones before it): per file, executed and missing
 * lines and, with {@code --branch}, executed and missing arcs. Files are keyed by their path relative to the
 * checkout, with forward slashes, whatever form (absolute or relative) the report used.
 */
final class CoverageJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoverageJson() {}

    static Map<String, FileLines> parse(String json, Path checkout) throws IOException {
        JsonNode files = JSON.readTree(json).path("files");
        Map<String, FileLines> byPath = new HashMap<>();
        files.properties().forEach(entry -> {
            JsonNode file = entry.getValue();
            Set<Integer> executed = lines(file.path("executed_lines"));
            Set<Integer> statements = new HashSet<>(executed);
            statements.addAll(lines(file.path("missing_lines")));
            Set<String> taken = arcs(file.path("executed_branches"));
            Set<String> branches = new HashSet<>(taken);
            branches.addAll(arcs(file.path("missing_branches")));
            byPath.put(relative(entry.getKey(), checkout), new FileLines(statements, executed, branches, taken));
        });
        return byPath;
    }

    static String relative(String reported, Path checkout) {
        Path path = checkout.resolve(reported).normalize();
        return (path.startsWith(checkout) ? checkout.relativize(path) : path)
                .toString()
                .replace('\\', '/');
    }

    private static Set<Integer> lines(JsonNode array) {
        Set<Integer> lines = new HashSet<>();
        array.forEach(n -> lines.add(n.asInt()));
        return lines;
    }

    private static Set<String> arcs(JsonNode array) {
        Set<String> arcs = new HashSet<>();
        array.forEach(arc -> arcs.add(arc.path(0).asInt() + "->" + arc.path(1).asInt()));
        return arcs;
    }
}
