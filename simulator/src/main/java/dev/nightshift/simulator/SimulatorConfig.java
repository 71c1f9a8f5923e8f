package dev.nightshift.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.simulator.batch.BatchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Everything the simulator serves: one {@link ProviderSettings} per provider id, and the seed of its
 * random choices (latency samples, faults at a rate), and the port to listen on (0 = any free port).
 */
public record SimulatorConfig(Map<String, ProviderSettings> providers, long seed, int port, String host) {
    public static final long DEFAULT_SEED = 42;
    public static final String LOOPBACK = "127.0.0.1";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public SimulatorConfig {
        if (providers == null || providers.isEmpty()) {
            throw new ConfigException("the simulator needs at least one provider");
        }
        providers.forEach((id, p) -> {
            if (!id.equals(p.id())) {
                throw new ConfigException("providers." + id + " carries settings of '" + p.id() + "'");
            }
        });
        if (port < 0 || port > 65535) {
            throw new ConfigException("simulator port must be 0 (any free port) or 1..65535, got " + port);
        }
        host = host == null || host.isBlank() ? LOOPBACK : host.trim();
        providers = Map.copyOf(providers);
    }

    /**
     * One simulated provider per configured provider, with its protocol and its models' prices (each
     * model under its config key and its wire name), context windows and batch price factor. Defaults: small latency, token factor 1.0, prompt cache
     * on, no faults, and no limits enforced — call {@link #withConfiguredLimits(NightshiftConfig)} to
     * enforce the configured ones.
     */
    public static SimulatorConfig from(NightshiftConfig config) {
        Map<String, ProviderSettings> providers = new HashMap<>();
        config.providers()
                .forEach((id, p) -> providers.put(
                        id,
                        ProviderSettings.of(id, p.protocol(), prices(p))
                                .withContextWindows(contextWindows(p))
                                .withBatch(BatchSettings.priced(p.batch().priceFactor()))));
        return new SimulatorConfig(providers, DEFAULT_SEED, 0, LOOPBACK);
    }

    /** {@link #from(NightshiftConfig)}, then a script file's changes. */
    public static SimulatorConfig from(NightshiftConfig config, Path script) {
        SimulatorScript read = readScript(script);
        try {
            return from(config).withScript(read);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("simulator script '" + script + "': " + e.getMessage(), e);
        }
    }

    public SimulatorConfig withConfiguredLimits(NightshiftConfig config) {
        SimulatorConfig c = this;
        for (Map.Entry<String, ProviderConfig> e : config.providers().entrySet()) {
            if (providers.containsKey(e.getKey())) {
                c = c.withProvider(e.getKey(), p -> p.withLimits(e.getValue().limits()));
            }
        }
        return c;
    }

    /** The port to listen on (127.0.0.1); 0, the default, takes any free port. */
    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(providers, seed, newPort, host);
    }

    /**
     * The interface to listen on; {@value #LOOPBACK} by default. {@code 0.0.0.0} exposes the simulator to
     * other hosts (docker-compose) — it accepts any key, so only on a private network.
     */
    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(providers, seed, port, newHost);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(providers, newSeed, port, host);
    }

    /** Changes one provider, e.g. {@code withProvider("deepseek", p -> p.withFault(FaultRule.always(Fault.OVERLOADED)))}. */
    public SimulatorConfig withProvider(String id, UnaryOperator<ProviderSettings> change) {
        ProviderSettings current = provider(id);
        Map<String, ProviderSettings> copy = new HashMap<>(providers);
        copy.put(id, change.apply(current));
        return new SimulatorConfig(copy, seed, port, host);
    }

    /** Adds (or replaces) a provider. */
    public SimulatorConfig withProvider(ProviderSettings settings) {
        Map<String, ProviderSettings> copy = new HashMap<>(providers);
        copy.put(settings.id(), settings);
        return new SimulatorConfig(copy, seed, port, host);
    }

    public SimulatorConfig withScript(SimulatorScript script) {
        Map<String, ProviderSettings> copy = new HashMap<>(providers);
        script.providers().forEach((id, change) -> {
            ProviderSettings current = copy.get(id);
            if (current == null) {
                if (change.protocol() == null || change.models() == null) {
                    throw new ConfigException("simulator script: provider '" + id
                            + "' is not configured; give it a protocol and models, or use one of: "
                            + String.join(", ", new TreeMap<>(providers).keySet()));
                }
                current = ProviderSettings.of(id, change.protocol(), change.models());
            }
            copy.put(id, current.apply(change));
        });
        return new SimulatorConfig(copy, script.seed() == null ? seed : script.seed(), port, host);
    }

    public ProviderSettings provider(String id) {
        ProviderSettings p = providers.get(id);
        if (p == null) {
            throw new ConfigException("the simulator has no provider '" + id + "'; it has: "
                    + String.join(", ", new TreeMap<>(providers).keySet()));
        }
        return p;
    }

    /** Reads a simulator script (YAML); every error names the file and the bad key. */
    public static SimulatorScript readScript(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("simulator script '" + file + "' does not exist; pass an existing YAML file");
        }
        try {
            SimulatorScript script = YAML.readValue(file.toFile(), SimulatorScript.class);
            if (script == null) {
                throw new ConfigException("simulator script '" + file + "' is empty; write 'providers: …'");
            }
            return script;
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root instanceof IllegalArgumentException
                    ? root.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ConfigException(
                    "simulator script '" + file + "': " + (key.isEmpty() ? "" : key + ": ") + reason, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    "simulator script '" + file + "' is not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse(""),
                    e);
        } catch (IOException e) {
            throw new ConfigException("simulator script '" + file + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> contextWindows(ProviderConfig p) {
        Map<String, Long> windows = new HashMap<>();
        for (Map.Entry<String, ModelConfig> m : p.models().entrySet()) {
            windows.put(m.getKey(), m.getValue().contextWindow());
            if (m.getValue().name() != null) {
                windows.put(m.getValue().name(), m.getValue().contextWindow());
            }
        }
        return windows;
    }

    private static Map<String, Price> prices(ProviderConfig p) {
        Map<String, Price> prices = new HashMap<>();
        for (Map.Entry<String, ModelConfig> m : p.models().entrySet()) {
            prices.put(m.getKey(), m.getValue().price());
            if (m.getValue().name() != null) {
                prices.put(m.getValue().name(), m.getValue().price());
            }
        }
        return prices;
    }
}
