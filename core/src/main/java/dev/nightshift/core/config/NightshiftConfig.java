package dev.nightshift.core.config;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole configuration: providers with their models, prices and limits; routing; job sizing; how generated
 * tests are validated.
 * Built by {@link ConfigLoader}; every check that spans sections happens here, naming the bad key.
 */
public record NightshiftConfig(
        Map<String, ProviderConfig> providers,
        RoutingConfig routing,
        JobsConfig jobs,
        ModelRef baseline,
        IngestConfig ingest,
        SinkConfig sink,
        ValidationConfig validation,
        DocsConfig docs) {
    /** A configuration with the default documentation settings. */
    public NightshiftConfig(
            Map<String, ProviderConfig> providers,
            RoutingConfig routing,
            JobsConfig jobs,
            ModelRef baseline,
            IngestConfig ingest,
            SinkConfig sink,
            ValidationConfig validation) {
        this(providers, routing, jobs, baseline, ingest, sink, validation, null);
    }

    /** A configuration with the default validation settings. */
    public NightshiftConfig(
            Map<String, ProviderConfig> providers,
            RoutingConfig routing,
            JobsConfig jobs,
            ModelRef baseline,
            IngestConfig ingest,
            SinkConfig sink) {
        this(providers, routing, jobs, baseline, ingest, sink, null, null);
    }

    public NightshiftConfig {
        validation = validation == null ? ValidationConfig.DEFAULTS : validation;
        docs = docs == null ? DocsConfig.DEFAULTS : docs;
        if (providers == null || providers.isEmpty()) {
            throw new ConfigException("providers: at least one provider is required");
        }
        providers = new TreeMap<>(providers);
        for (String id : providers.keySet()) {
            try {
                ModelRef.requireId("provider", id);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("providers." + id + ": " + e.getMessage());
            }
        }
        requirePresent("routing", routing);
        requirePresent("jobs", jobs);
        requirePresent("ingest", ingest);
        sink = sink == null ? new SinkConfig(null, 0, null) : sink;
        List<RoutingRule> rules = routing.rules();
        for (int r = 0; r < rules.size(); r++) {
            List<ModelRef> models = rules.get(r).models();
            for (int m = 0; m < models.size(); m++) {
                requireKnown(providers, "routing.rules[" + r + "].models[" + m + "]", models.get(m));
            }
        }
        for (TaskType task : TaskType.values()) {
            if (rules.stream().noneMatch(rule -> rule.task() == task)) {
                throw new ConfigException("routing.rules: no rule for task '" + task.id() + "'; add one");
            }
        }
        if (baseline != null) {
            requireKnown(providers, "baseline", baseline);
        }
        providers = Map.copyOf(providers);
    }

    /** The same configuration with other providers (every other section kept as it is). */
    public NightshiftConfig withProviders(Map<String, ProviderConfig> replaced) {
        return new NightshiftConfig(replaced, routing, jobs, baseline, ingest, sink, validation, docs);
    }

    /** The same configuration with another sink section. */
    public NightshiftConfig withSink(SinkConfig replaced) {
        return new NightshiftConfig(providers, routing, jobs, baseline, ingest, replaced, validation, docs);
    }

    public ProviderConfig provider(String id) {
        ProviderConfig p = providers.get(id);
        if (p == null) {
            throw new ConfigException("unknown provider '" + id + "'; configured: "
                    + String.join(", ", new TreeMap<>(providers).keySet()));
        }
        return p;
    }

    public ModelConfig model(ModelRef ref) {
        ModelConfig m = provider(ref.provider()).models().get(ref.model());
        if (m == null) {
            throw new ConfigException("unknown model '" + ref + "'");
        }
        return m;
    }

    public Price price(ModelRef ref) {
        return model(ref).price();
    }

    /** What a model charges on a service tier: its price, or its provider's batch price. */
    public Price price(ModelRef ref, ServiceTier tier) {
        Price standard = price(ref);
        return tier == ServiceTier.BATCH ? provider(ref.provider()).batch().price(standard) : standard;
    }

    /** True when runs with a deadline may send this model's calls to its provider's batch API. */
    public boolean batchAllowed(ModelRef ref) {
        return provider(ref.provider()).batch().enabled();
    }

    public Optional<RoutingRule> ruleFor(TaskType task) {
        return routing.rules().stream().filter(r -> r.task() == task).findFirst();
    }

    private static void requirePresent(String key, Object value) {
        if (value == null) {
            throw new ConfigException(key + " is required");
        }
    }

    private static void requireKnown(Map<String, ProviderConfig> providers, String key, ModelRef ref) {
        ProviderConfig p = providers.get(ref.provider());
        if (p == null) {
            throw new ConfigException(key + ": unknown provider '" + ref.provider() + "' in '" + ref
                    + "'; configured providers: " + String.join(", ", new TreeMap<>(providers).keySet()));
        }
        if (!p.models().containsKey(ref.model())) {
            throw new ConfigException(key + ": provider '" + ref.provider() + "' has no model '" + ref.model()
                    + "'; its models: " + String.join(", ", new TreeMap<>(p.models()).keySet()));
        }
    }
}
