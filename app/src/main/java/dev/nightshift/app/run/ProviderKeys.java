package dev.nightshift.app.run;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The provider keys the environment holds, and the variables that would hold them: what decides a dry run. */
public final class ProviderKeys {
    private ProviderKeys() {}

    /** Provider id → key, for every provider whose key variable is set. */
    public static Map<String, ApiKey> resolve(NightshiftConfig config, Map<String, String> env) {
        Map<String, ApiKey> keys = new HashMap<>();
        config.providers().forEach((id, p) -> ApiKey.resolve(p, env).ifPresent(k -> keys.put(id, k)));
        return keys;
    }

    /** The names of every provider's key variable, sorted. */
    public static SortedSet<String> variables(NightshiftConfig config) {
        TreeSet<String> names = new TreeSet<>();
        config.providers().values().forEach(p -> names.add(p.apiKeyEnv()));
        return names;
    }
}
