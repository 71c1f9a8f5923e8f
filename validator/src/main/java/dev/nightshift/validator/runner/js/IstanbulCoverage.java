package dev.nightshift.validator.runner.js;

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
 * Reads an istanbul {@code coverage-final.json} (Jest's {@code --coverageReporters=json}, Vitest's
 * {@code --coverage.reporter=json}). A line is executable when a statement starts on it and covered when
 * one of those statements ran, istanbul's own line rule. A branch is one arm of a branch point
 * ({@code if}, {@code ?:}, {@code &&}, default value), keyed by the point's type and source position and the
 * arm's index, so that the keys of two reports of the same file agree whatever ids the reports gave them.
 */
final class IstanbulCoverage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IstanbulCoverage() {}

    static Map<String, FileLines> parse(String json, Path checkout) throws IOException {
        Map<String, FileLines> byPath = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : JSON.readTree(json).properties()) {
            JsonNode file = entry.getValue();
            Path path =
                    checkout.resolve(file.path("path").asText(entry.getKey())).normalize();
            if (!path.startsWith(checkout)) {
                continue;
            }
            Set<Integer> statements = new HashSet<>();
            Set<Integer> executed = new HashSet<>();
            file.path("statementMap").properties().forEach(s -> {
                int line = s.getValue().path("start").path("line").asInt();
                statements.add(line);
                if (file.path("s").path(s.getKey()).asInt() > 0) {
                    executed.add(line);
                }
            });
            Set<String> branches = new HashSet<>();
            Set<String> taken = new HashSet<>();
            file.path("branchMap").properties().forEach(b -> {
                JsonNode counts = file.path("b").path(b.getKey());
                String point = b.getValue().path("type").asText() + "@"
                        + position(b.getValue().path("loc"));
                for (int i = 0; i < counts.size(); i++) {
                    String key = point + "#" + i;
                    branches.add(key);
                    if (counts.path(i).asInt() > 0) {
                        taken.add(key);
                    }
                }
            });
            byPath.put(
                    checkout.relativize(path).toString().replace('\\', '/'),
                    new FileLines(statements, executed, branches, taken));
        }
        return byPath;
    }

    private static String position(JsonNode loc) {
        return loc.path("start").path("line").asInt() + ":"
                + loc.path("start").path("column").asInt() + "-"
                + loc.path("end").path("line").asInt() + ":"
                + loc.path("end").path("column").asInt();
    }
}
