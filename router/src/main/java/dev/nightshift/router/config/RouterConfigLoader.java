package dev.nightshift.router.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.PassPrior;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.budget.ReserveMode;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.learning.LearningSettings;
import dev.nightshift.router.learning.RoutingStrategy;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.router.policy.Spillover;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads the router's policy: the bundled tiers ({@code router-default.yaml}), with a user file's
 * {@code router:} section merged over them (mappings merge key by key, lists — the rules — replace). Core's
 * {@code routing.rules} follow the configured rules as catch-alls unless {@code includeCoreRules: false}.
 * Every failure is a {@link ConfigException} naming the key, e.g. {@code router.rules[2].models[0]}.
 * In the bundled tiers, models that the core config does not define are dropped (a user who removed a
 * provider keeps working tiers); in a user's file they are an error.
 */
public final class RouterConfigLoader {
    static final String DEFAULT_RESOURCE = "/dev/nightshift/router/router-default.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private RouterConfigLoader() {}

    /** The bundled tiers over the given core config. */
    public static RouterConfig loadDefault(NightshiftConfig config) {
        return load(null, config);
    }

    /**
     * @param file a YAML file with a top-level {@code router:} mapping, or {@code null} for the bundled tiers
     */
    public static RouterConfig load(Path file, NightshiftConfig config) {
        ObjectNode tree = bundled();
        boolean userRules = false;
        String source = "the bundled router config";
        if (file != null) {
            ObjectNode user = readFile(file);
            userRules = user.has("rules");
            merge(tree, user);
            source = "router config '" + file + "'";
        }
        Spec spec = bind(tree, source);
        return spec.toConfig(config, !userRules, source);
    }

    private static ObjectNode bundled() {
        try (InputStream in = RouterConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the build");
            }
            return (ObjectNode) YAML.readTree(in).get("router");
        } catch (IOException e) {
            throw new IllegalStateException("bundled router config is broken: " + e.getMessage(), e);
        }
    }

    private static ObjectNode readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("router config '" + file + "' does not exist; pass an existing YAML file");
        }
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException("router config '" + file + "' is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException("router config '" + file + "' cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !(node.get("router") instanceof ObjectNode router)) {
            throw new ConfigException(
                    "router config '" + file + "' must hold a mapping under a top-level 'router:' key");
        }
        return router;
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        overlay.properties().forEach(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode baseChild && e.getValue() instanceof ObjectNode overlayChild) {
                merge(baseChild, overlayChild);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    private static Spec bind(JsonNode tree, String source) {
        try {
            return YAML.treeToValue(tree, Spec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    source + ": unknown key 'router." + path(e) + "'; known keys here: " + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String reason = cause instanceof IllegalArgumentException
                    ? cause.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid value");
            throw new ConfigException(source + ": router." + path(e) + ": " + reason, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The {@code router:} section as written. */
    record Spec(
            Boolean includeCoreRules,
            List<RuleSpec> rules,
            ConstraintsSpec constraints,
            SpilloverSpec spillover,
            FailoverSpec failover,
            BudgetsSpec budgets,
            ExpectedOutputSpec expectedOutput,
            Duration healthStaleAfter,
            String strategy,
            LearningSpec learning,
            Integer dispatchWindow,
            BatchSpec batch) {

        RouterConfig toConfig(NightshiftConfig config, boolean lenientModels, String source) {
            List<RouteRule> built = new ArrayList<>();
            List<RuleSpec> specs = rules == null ? List.of() : rules;
            for (int r = 0; r < specs.size(); r++) {
                RuleSpec rule = specs.get(r);
                String key = source + ": router.rules[" + r + "]";
                List<ModelRef> chain = new ArrayList<>();
                List<ModelRef> models = rule.models() == null ? List.of() : rule.models();
                for (int m = 0; m < models.size(); m++) {
                    ModelRef ref = models.get(m);
                    if (known(config, ref)) {
                        chain.add(ref);
                    } else if (!lenientModels) {
                        throw new ConfigException(key + ".models[" + m + "]: '" + ref + "' is not a configured model; "
                                + "configured providers: "
                                + String.join(", ", new TreeMap<>(config.providers()).keySet()));
                    }
                }
                if (chain.isEmpty() && lenientModels) {
                    continue;
                }
                try {
                    built.add(new RouteRule(
                            rule.name() == null ? "rule-" + r : rule.name(),
                            rule.task(),
                            rule.languages() == null ? Set.of() : Set.copyOf(rule.languages()),
                            rule.minTokens(),
                            rule.maxTokens(),
                            rule.minComplexity(),
                            rule.maxComplexity(),
                            chain));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw new ConfigException(key + ": " + e.getMessage());
                }
            }
            if (includeCoreRules == null || includeCoreRules) {
                built.addAll(RoutingPolicy.coreRules(config));
            }
            RoutingStrategy routingStrategy;
            try {
                routingStrategy = strategy == null ? RoutingStrategy.FIXED_TIERS : RoutingStrategy.parse(strategy);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": router." + e.getMessage());
            }
            try {
                return new RouterConfig(
                        built,
                        constraints == null ? Constraints.DEFAULT : constraints.toConstraints(),
                        spillover == null ? Spillover.DEFAULT : spillover.toSpillover(),
                        failover == null ? FailoverSettings.DEFAULT : failover.toSettings(),
                        budgets == null ? BudgetSettings.UNLIMITED : budgets.toSettings(),
                        expectedOutput == null ? OutputExpectation.DEFAULT : expectedOutput.toExpectation(),
                        healthStaleAfter,
                        routingStrategy,
                        learning == null ? LearningSettings.DEFAULT : learning.toSettings(),
                        dispatchWindow == null ? 0 : dispatchWindow,
                        batch == null ? null : batch.margin());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": router: " + e.getMessage());
            }
        }

        private static boolean known(NightshiftConfig config, ModelRef ref) {
            return config.providers().containsKey(ref.provider())
                    && config.providers().get(ref.provider()).models().containsKey(ref.model());
        }
    }

    /** Runs with a deadline: how much time to keep free before it when choosing a provider batch. */
    record BatchSpec(Duration margin) {}

    record LearningSpec(
            Double minPassRate,
            Double explorationShare,
            Double minEvidence,
            Duration halfLife,
            PriorSpec prior,
            Double minCostTries) {
        LearningSettings toSettings() {
            LearningSettings d = LearningSettings.DEFAULT;
            return new LearningSettings(
                    minPassRate == null ? d.minPassRate() : minPassRate,
                    explorationShare == null ? d.explorationShare() : explorationShare,
                    minEvidence == null ? d.minEvidence() : minEvidence,
                    halfLife == null ? d.halfLife() : halfLife,
                    prior == null ? d.prior() : prior.toPrior(d.prior()),
                    minCostTries == null ? d.minCostTries() : minCostTries);
        }
    }

    record PriorSpec(Double passRate, Double weight) {
        PassPrior toPrior(PassPrior base) {
            try {
                return new PassPrior(
                        passRate == null ? base.passRate() : passRate, weight == null ? base.weight() : weight);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("learning." + e.getMessage(), e);
            }
        }
    }

    record RuleSpec(
            String name,
            TaskType task,
            List<String> languages,
            Long minTokens,
            Long maxTokens,
            Integer minComplexity,
            Integer maxComplexity,
            List<ModelRef> models) {}

    record ConstraintsSpec(Integer contextMarginPercent, Long promptOverheadTokens, Money maxJobCost) {
        Constraints toConstraints() {
            return new Constraints(
                    contextMarginPercent == null ? Constraints.DEFAULT.contextMarginPercent() : contextMarginPercent,
                    promptOverheadTokens == null ? Constraints.DEFAULT.promptOverheadTokens() : promptOverheadTokens,
                    maxJobCost);
        }
    }

    record SpilloverSpec(Boolean enabled, Duration maxLaneWait, BigDecimal maxPriceRatio) {
        Spillover toSpillover() {
            if (enabled != null && !enabled) {
                return null;
            }
            return new Spillover(
                    maxLaneWait == null ? Spillover.DEFAULT.maxLaneWait() : maxLaneWait,
                    maxPriceRatio == null ? Spillover.DEFAULT.maxPriceRatio() : maxPriceRatio);
        }
    }

    record FailoverSpec(
            Set<FailureClass> failoverOn,
            Set<FailureClass> escalateOn,
            Integer maxEscalations,
            Integer maxAttempts,
            Integer repairRounds) {
        FailoverSettings toSettings() {
            return new FailoverSettings(
                    failoverOn,
                    escalateOn,
                    maxEscalations == null ? FailoverSettings.DEFAULT.maxEscalations() : maxEscalations,
                    maxAttempts == null ? FailoverSettings.DEFAULT.maxAttempts() : maxAttempts,
                    repairRounds == null ? FailoverSettings.DEFAULT.repairRounds() : repairRounds);
        }
    }

    record BudgetsSpec(
            String reserve, Money defaultRunMaxCost, Money defaultTenantDaily, Map<String, Money> tenantDaily) {
        BudgetSettings toSettings() {
            return new BudgetSettings(reserveMode(reserve), defaultRunMaxCost, defaultTenantDaily, tenantDaily);
        }

        private static ReserveMode reserveMode(String text) {
            if (text == null) {
                return ReserveMode.WORST_CASE;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "worst-case" -> ReserveMode.WORST_CASE;
                case "expected" -> ReserveMode.EXPECTED;
                default ->
                    throw new IllegalArgumentException(
                            "budgets.reserve '" + text + "' is not known; use worst-case or expected");
            };
        }
    }

    record ExpectedOutputSpec(Map<TaskType, BigDecimal> ratio, Map<TaskType, Long> minimum) {
        OutputExpectation toExpectation() {
            return new OutputExpectation(
                    ratio == null
                            ? OutputExpectation.DEFAULT.ratio()
                            : merged(OutputExpectation.DEFAULT.ratio(), ratio),
                    minimum == null
                            ? OutputExpectation.DEFAULT.minimum()
                            : merged(OutputExpectation.DEFAULT.minimum(), minimum));
        }

        private static <V> Map<TaskType, V> merged(Map<TaskType, V> base, Map<TaskType, V> over) {
            Map<TaskType, V> m = new java.util.EnumMap<>(TaskType.class);
            m.putAll(base);
            m.putAll(over);
            return m;
        }
    }
}
