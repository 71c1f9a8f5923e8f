package dev.nightshift.bench.harness;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.simulator.ProviderSimulator;
import java.util.HashMap;
import java.util.Map;

/** A configuration whose providers are all the simulator, and the keys to call it: what in-JVM passes run against. */
public final class SimulatedProviders {
    private SimulatedProviders() {}

    /** The same configuration with every provider at the simulator and no quota, so a pass measures its subject, not waiting. */
    public static NightshiftConfig unlimitedAt(ProviderSimulator simulator, NightshiftConfig config) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers()
                .forEach((id, p) -> providers.put(
                        id,
                        new ProviderConfig(
                                p.protocol(),
                                simulator.baseUrlFor(id),
                                p.apiKeyEnv(),
                                null,
                                Limits.UNLIMITED,
                                p.models(),
                                p.batch())));
        return config.withProviders(providers);
    }

    /** A made-up key per provider: the simulator checks that one is sent, not which. */
    public static Map<String, ApiKey> keys(NightshiftConfig config) {
        Map<String, ApiKey> keys = new HashMap<>();
        config.providers().keySet().forEach(id -> keys.put(id, ApiKey.of("simulated-" + id)));
        return keys;
    }
}
