package dev.nightshift.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads what a command printed with {@code -o yaml} as a tree comparable with its {@code -o json} tree: decimals as
 * exact numbers on both sides (the JSON side is read by {@code Json.mapper()}, which does the same).
 */
public final class YamlDocuments {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private YamlDocuments() {}

    /** The one YAML document of {@code text}; fails when it is not YAML. */
    public static JsonNode read(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not a YAML document: " + text, e);
        }
    }
}
