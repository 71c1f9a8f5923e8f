package dev.nightshift.worker.support;

import dev.nightshift.core.config.IngestConfig;
import dev.nightshift.core.config.JobsConfig;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.config.RoutingConfig;
import dev.nightshift.core.config.RoutingRule;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.Protocol;
import java.util.List;
import java.util.Map;

/** A one-provider configuration for tests: model {@code m1} at DeepSeek's prices. */
public final class TestConfigs {
    public static final String MODEL = "m1";
    public static final Price PRICE =
            new Price(Money.usd("0.14"), Money.usd("0.014"), Money.usd("0.14"), Money.usd("0.42"));

    private TestConfigs() {}

    /** Several providers, each with model {@code m1}; routing goes to the first. */
    public static NightshiftConfig of(Map<String, Protocol> providers, Limits limits) {
        Map<String, ProviderConfig> ps = new java.util.TreeMap<>();
        providers.forEach((id, protocol) -> ps.put(
                id,
                new ProviderConfig(
                        protocol,
                        "http://127.0.0.1:9",
                        "TEST_API_KEY",
                        null,
                        limits,
                        Map.of(MODEL, new ModelConfig("wire-" + MODEL, 128_000, PRICE)))));
        ModelRef ref = new ModelRef(ps.keySet().iterator().next(), MODEL);
        RoutingConfig routing = new RoutingConfig(List.of(
                new RoutingRule("docs", TaskType.DOCS, List.of(ref)),
                new RoutingRule("tests", TaskType.TESTS, List.of(ref))));
        return new NightshiftConfig(
                ps,
                routing,
                new JobsConfig(Map.of(TaskType.DOCS, 2048, TaskType.TESTS, 4096), "1"),
                null,
                new IngestConfig(1_048_576, List.of()),
                null);
    }

    public static NightshiftConfig single(String provider, Protocol protocol, String baseUrl, Limits limits) {
        ProviderConfig p = new ProviderConfig(
                protocol,
                baseUrl,
                "TEST_API_KEY",
                null,
                limits,
                Map.of(MODEL, new ModelConfig("wire-" + MODEL, 128_000, PRICE)));
        ModelRef ref = new ModelRef(provider, MODEL);
        RoutingConfig routing = new RoutingConfig(List.of(
                new RoutingRule("docs", TaskType.DOCS, List.of(ref)),
                new RoutingRule("tests", TaskType.TESTS, List.of(ref))));
        return new NightshiftConfig(
                Map.of(provider, p),
                routing,
                new JobsConfig(Map.of(TaskType.DOCS, 2048, TaskType.TESTS, 4096), "1"),
                null,
                new IngestConfig(1_048_576, List.of()),
                null);
    }
}
