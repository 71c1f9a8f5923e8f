package dev.nightshift.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@link NightshiftConfig}: the bundled default ({@code nightshift-default.yaml}), then the user's
 * file merged over it (objects merge key by key, lists replace), then {@code NIGHTSHIFT_*} environment
 * overrides (see {@link EnvOverrides}). Every failure is a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
    static final String DEFAULT_RESOURCE = "/dev/nightshift/core/config/nightshift-default.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private ConfigLoader() {}

    /** The bundled defaults with environment overrides. */
    public static NightshiftConfig loadDefault(Map<String, String> env) {
        return load(null, env);
    }

    /**
     * @param file the user's config file, or {@code null} for the defaults alone
     * @param env  the environment (pass {@code System.getenv()})
     */
    public static NightshiftConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = bundledDefault();
        if (file != null) {
            merge(tree, readFile(file), "");
        }
        Map<String, String> setByEnv = EnvOverrides.apply(tree, env);
        return bind(tree, file == null ? "the bundled default config" : "config file '" + file + "'", setByEnv, env);
    }

    /** The effective configuration as YAML, for {@code nightshift config} and for docs. */
    public static String toYaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot render config: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode bundledDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled config " + DEFAULT_RESOURCE + " is missing from the build");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("bundled config is broken: " + e.getMessage(), e);
        }
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    "config file '" + file + "' does not exist; pass an existing YAML file to --config");
        }
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("config file '" + file + "' is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("config file '" + file + "' cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ConfigException(
                    "config file '" + file + "' is empty; write a YAML mapping such as 'providers: …'");
        }
        if (!node.isObject()) {
            throw new ConfigException("config file '" + file + "' must hold a YAML mapping at the top, not a "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    private static void merge(ObjectNode base, ObjectNode overlay, String path) {
        overlay.properties().forEach(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode baseChild && e.getValue() instanceof ObjectNode overlayChild) {
                merge(baseChild, overlayChild, path + e.getKey() + ".");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    static NightshiftConfig bind(JsonNode tree, String source) {
        return bind(tree, source, Map.of(), Map.of());
    }

    /**
     * @param setByEnv key paths set by environment variables: a failure at (or inside) one of them names the variable
     *                 and its value as the source, since that is what the user has to change
     */
    private static NightshiftConfig bind(
            JsonNode tree, String source, Map<String, String> setByEnv, Map<String, String> env) {
        try {
            return YAML.treeToValue(tree, NightshiftConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    source + ": unknown key '" + path(e) + "'; known keys here: " + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            String variable = variableBehind(path(e), setByEnv);
            if (variable != null) {
                throw new ConfigException(
                        "environment variable " + variable + "=" + env.get(variable) + " is refused: " + reason(e)
                                + "; set it to a valid value or unset it",
                        e);
            }
            if (rootCause(e) instanceof ConfigException ce) {
                throw new ConfigException(source + ": " + ce.getMessage(), ce);
            }
            String key = path(e);
            throw new ConfigException(source + ": " + (key.isEmpty() ? "" : key + ": ") + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The variable that set {@code key} or a key inside it (a record's constructor refuses a value at the record's
     * path, e.g. {@code ingest} for {@code ingest.maxFileBytes}), else {@code null}.
     */
    private static String variableBehind(String key, Map<String, String> setByEnv) {
        for (Map.Entry<String, String> e : setByEnv.entrySet()) {
            if (!key.isEmpty() && (e.getKey().equals(key) || e.getKey().startsWith(key + "."))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String reason(JsonMappingException e) {
        Throwable cause = rootCause(e);
        if (cause instanceof ConfigException || cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("invalid value");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
