package dev.nightshift.ingest.plan.tests.placement;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one folder's package.json and JavaScript test-runner config files say: the package's module type,
 * scripts and dependencies, and each runner's options that decide which files it collects. Config written
 * as JavaScript is read for literal values only (see {@link JsConfigText}).
 */
final class NodeFolder {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper();

    boolean isPackage;
    boolean typeModule;
    final Map<String, String> scripts = new HashMap<>();
    final Set<String> dependencies = new TreeSet<>();

    boolean mochaConfig;
    List<String> mochaSpec = List.of();
    boolean mochaRecursive;
    final List<String> mochaExtensions = new ArrayList<>();

    boolean jestConfig;
    List<String> jestTestMatch = List.of();
    List<String> jestTestRegex = List.of();
    List<String> jestRoots = List.of();

    boolean vitestConfig;
    List<String> vitestInclude = List.of();

    /** Reads one of the files {@link RepositoryConventions#reads} accepts for JavaScript. */
    void read(String fileName, String text) {
        if (fileName.equals("package.json")) {
            readPackage(text);
        } else if (fileName.startsWith(".mocharc.")) {
            mochaConfig = true;
            readMocha(fileName, text);
        } else if (fileName.startsWith("jest.config.")) {
            jestConfig = true;
            if (fileName.endsWith(".json")) {
                json(text).ifPresent(this::readJest);
            } else {
                JsConfigText config = JsConfigText.of(text);
                jestTestMatch = config.strings("testMatch");
                jestTestRegex = config.strings("testRegex");
                jestRoots = config.strings("roots");
            }
        } else if (fileName.startsWith("vitest.config.") || fileName.startsWith("vite.config.")) {
            vitestConfig |= fileName.startsWith("vitest.config.");
            List<String> include = JsConfigText.of(text)
                    .object("test")
                    .map(t -> t.strings("include"))
                    .orElse(List.of());
            // vitest.config.* wins over vite.config.* when both exist, whatever the order they are read in.
            if (!include.isEmpty() && (fileName.startsWith("vitest.config.") || vitestInclude.isEmpty())) {
                vitestInclude = include;
            }
        }
    }

    private void readPackage(String text) {
        isPackage = true;
        json(text).ifPresent(root -> {
            typeModule = "module".equals(root.path("type").asText(""));
            root.path("scripts")
                    .properties()
                    .forEach(e -> scripts.put(e.getKey(), e.getValue().asText("")));
            for (String section :
                    List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
                root.path(section).properties().forEach(e -> dependencies.add(e.getKey()));
            }
            if (root.has("jest")) {
                jestConfig = true;
                readJest(root.get("jest"));
            }
            if (root.has("mocha")) {
                mochaConfig = true;
                readMochaNode(root.get("mocha"));
            }
        });
    }

    private void readJest(JsonNode jest) {
        jestTestMatch = strings(jest.path("testMatch"));
        jestTestRegex = strings(jest.path("testRegex"));
        jestRoots = strings(jest.path("roots"));
    }

    private void readMocha(String fileName, String text) {
        if (fileName.endsWith(".json") || fileName.endsWith(".jsonc")) {
            json(text).ifPresent(this::readMochaNode);
        } else if (fileName.endsWith(".yml") || fileName.endsWith(".yaml")) {
            try {
                readMochaNode(YAML.readTree(text));
            } catch (Exception unreadable) {
                // An unreadable config leaves Mocha's defaults.
            }
        } else {
            JsConfigText config = JsConfigText.of(text);
            mochaSpec = config.strings("spec");
            mochaRecursive = config.bool("recursive").orElse(false);
            mochaExtensions.addAll(config.strings("extension"));
        }
    }

    private void readMochaNode(JsonNode mocha) {
        if (mocha == null) {
            return;
        }
        List<String> spec = strings(mocha.path("spec"));
        if (!spec.isEmpty()) {
            mochaSpec = spec;
        }
        mochaRecursive |= mocha.path("recursive").asBoolean(false);
        mochaExtensions.addAll(strings(mocha.path("extension")));
    }

    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    private static Optional<JsonNode> json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }
}
