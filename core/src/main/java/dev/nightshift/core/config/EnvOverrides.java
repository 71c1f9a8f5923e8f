package dev.nightshift.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies {@code NIGHTSHIFT_*} environment variables to the config tree. The rest of the name is a path
 * of existing keys, matched ignoring case, '-' and '_': {@code NIGHTSHIFT_PROVIDERS_DEEPSEEK_BASEURL}
 * sets {@code providers.deepseek.baseUrl}; {@code NIGHTSHIFT_INGEST_MAX_FILE_BYTES} sets
 * {@code ingest.maxFileBytes}. A variable that names no key fails loudly instead of being ignored.
 */
final class EnvOverrides {
    private static final String PREFIX = "NIGHTSHIFT_";
    /** Variables of the launcher and the CLI, not of the config. */
    static final Set<String> RESERVED = Set.of(
            "NIGHTSHIFT_HOME",
            "NIGHTSHIFT_CONFIG",
            "NIGHTSHIFT_OPTS",
            "NIGHTSHIFT_JAVA",
            "NIGHTSHIFT_LOG_LEVEL",
            "NIGHTSHIFT_API_TOKEN",
            "NIGHTSHIFT_KAFKA_BOOTSTRAP",
            "NIGHTSHIFT_SINK_URL",
            "NIGHTSHIFT_METRICS_PORT");

    private EnvOverrides() {}

    /**
     * @return the variable behind each key path it set ({@code ingest.maxFileBytes} to
     *         {@code NIGHTSHIFT_INGEST_MAX_FILE_BYTES}), so that a value the config refuses is blamed on the variable
     *         the user set, not on the file it was merged into
     */
    static Map<String, String> apply(ObjectNode tree, Map<String, String> env) {
        Map<String, String> setBy = new LinkedHashMap<>();
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !RESERVED.contains(name)) {
                String[] words =
                        name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).split("_");
                String path = set(tree, words, 0, value, "");
                if (path == null) {
                    throw new ConfigException(
                            "environment variable " + name + " names no config key; write NIGHTSHIFT_ "
                                    + "followed by a key path such as NIGHTSHIFT_PROVIDERS_DEEPSEEK_BASEURL");
                }
                setBy.put(path, name);
            }
        });
        return setBy;
    }

    /** @return the dotted path of the key it set, or {@code null} when the words name none */
    private static String set(ObjectNode node, String[] words, int from, String value, String prefix) {
        // Try the longest run of words first, so that keys containing '-' or '_' match as one.
        for (int to = words.length; to > from; to--) {
            String joined = String.join("", Arrays.copyOfRange(words, from, to));
            String key = findKey(node, joined);
            if (key == null) {
                continue;
            }
            JsonNode child = node.get(key);
            if (to == words.length) {
                if (child != null && child.isContainerNode()) {
                    return null;
                }
                node.set(key, TextNode.valueOf(value));
                return prefix + key;
            }
            if (child instanceof ObjectNode obj) {
                String path = set(obj, words, to, value, prefix + key + ".");
                if (path != null) {
                    return path;
                }
            }
        }
        return null;
    }

    private static String findKey(ObjectNode node, String normalised) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT).equals(normalised)) {
                return key;
            }
        }
        return null;
    }
}
