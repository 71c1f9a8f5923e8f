package dev.nightshift.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The documents `helm template` printed, parsed as Kubernetes objects. */
record RenderedManifests(List<JsonNode> objects) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static RenderedManifests parse(String rendered) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        for (JsonNode o : objects) {
            // What the API server demands of every object.
            assertThat(o.path("apiVersion").asText()).as("apiVersion of %s", o).isNotBlank();
            assertThat(o.path("kind").asText()).as("kind of %s", o).isNotBlank();
            assertThat(o.path("metadata").path("name").asText())
                    .as("name of %s", o)
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")
                    .hasSizeLessThanOrEqualTo(63);
        }
        return new RenderedManifests(objects);
    }

    JsonNode one(String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names()));
    }

    List<JsonNode> all(String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    boolean has(String kind) {
        return !all(kind).isEmpty();
    }

    List<String> names() {
        return objects.stream()
                .map(o -> o.path("kind").asText() + "/"
                        + o.path("metadata").path("name").asText())
                .toList();
    }

    static JsonNode container(JsonNode workload) {
        JsonNode containers =
                workload.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size())
                .as("containers of %s", workload.path("metadata").path("name"))
                .isEqualTo(1);
        return containers.get(0);
    }
}
