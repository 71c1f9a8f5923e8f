package dev.nightshift.deploy.metrics;

import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.metrics.MetricNames.Meter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers every catalogue meter in a real Micrometer Prometheus registry the way a service would (name,
 * base unit, description, bounded tags, histogram where the catalogue says so), with the series a worker
 * and a sink in the middle of a run would have: both outcomes, every circuit and job state, a run that has
 * committed 90% of its budget (85% billed) and is stuck for an hour. {@link #tick()} moves the counters and
 * timers on (so a provider keeps being paused for credit, and the alert on it fires).
 */
public final class CatalogueRegistry {
    /** A plausible bounded value for each tag key. */
    static final Map<String, String> SAMPLE_TAGS = Map.ofEntries(
            Map.entry(MetricNames.PROVIDER, "deepseek"),
            Map.entry(MetricNames.MODEL, "deepseek-chat"),
            Map.entry(MetricNames.TASK, "tests"),
            Map.entry(MetricNames.OUTCOME, "succeeded"),
            Map.entry(MetricNames.FAILURE_CLASS, MetricNames.NONE),
            Map.entry(MetricNames.DIMENSION, MetricNames.DIMENSION_REQUESTS_PER_MINUTE),
            Map.entry(MetricNames.STATE, "succeeded"),
            Map.entry(MetricNames.TENANT, "default"),
            Map.entry(MetricNames.SERVICE, "worker"),
            Map.entry(MetricNames.BUCKET, MetricNames.BUCKET_OUTPUT),
            Map.entry(MetricNames.RUN, "r-20261130-031500-4f2a"),
            Map.entry(MetricNames.LANGUAGE, "java"),
            Map.entry(MetricNames.VERDICT, "passed"));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Counter> counters = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    private final List<double[]> gaugeValues = new ArrayList<>();

    public CatalogueRegistry() {
        registry.config().commonTags(MetricNames.SERVICE, "worker");
        for (Meter meter : MetricNames.ALL) {
            for (Map<String, String> variant : variants(meter)) {
                register(meter, tags(meter, variant), gaugeValue(meter, variant));
            }
        }
        tick();
    }

    /** What Prometheus would scrape now. */
    public String scrape() {
        return registry.scrape();
    }

    /** One more unit of work: every counter up by one, every timer one more call. */
    public synchronized void tick() {
        counters.forEach(c -> c.increment(c.getId().getName().equals(MetricNames.COST_BASELINE.name()) ? 5 : 1));
        timers.forEach(t -> t.record(Duration.ofMillis(200 + (t.count() % 20) * 100)));
    }

    static Tags tags(Meter meter, Map<String, String> overrides) {
        Tags tags = Tags.empty();
        for (String key : meter.tagKeys()) {
            String value = overrides.getOrDefault(key, SAMPLE_TAGS.get(key));
            meter.requireSafeTag(key, value);
            tags = tags.and(key, value);
        }
        return tags;
    }

    /** The tag combinations a real service registers for this meter, beyond the single sample. */
    private static List<Map<String, String>> variants(Meter meter) {
        if (meter.equals(MetricNames.CIRCUIT_STATE)) {
            return MetricNames.CIRCUIT_STATES.stream()
                    .map(s -> Map.of(MetricNames.STATE, s))
                    .toList();
        }
        if (meter.equals(MetricNames.RUN_JOBS_DONE)) {
            return List.of("succeeded", "failed", "dead_lettered", "cancelled").stream()
                    .map(s -> Map.of(MetricNames.STATE, s))
                    .toList();
        }
        if (meter.equals(MetricNames.JOBS)) {
            return List.of("planned", "running", "succeeded", "failed", "dead_lettered", "cancelled").stream()
                    .map(s -> Map.of(MetricNames.STATE, s))
                    .toList();
        }
        if (meter.equals(MetricNames.ATTEMPTS)) {
            return List.of(
                    Map.of(MetricNames.OUTCOME, "succeeded", MetricNames.FAILURE_CLASS, MetricNames.NONE),
                    Map.of(MetricNames.OUTCOME, "failed", MetricNames.FAILURE_CLASS, "rate_limited"));
        }
        if (meter.equals(MetricNames.RUN_FAILURES)) {
            return List.of(
                    Map.of(MetricNames.FAILURE_CLASS, "rate_limited"),
                    Map.of(MetricNames.FAILURE_CLASS, "invalid_output"));
        }
        if (meter.equals(MetricNames.TOKENS)) {
            return MetricNames.BUCKETS.stream()
                    .map(b -> Map.of(MetricNames.BUCKET, b))
                    .toList();
        }
        return List.of(Map.of());
    }

    /** A run at 90% of its budget, 3 of 10 jobs done and started an hour ago; one circuit open. */
    private static double gaugeValue(Meter meter, Map<String, String> variant) {
        String state = variant.get(MetricNames.STATE);
        if (meter.equals(MetricNames.CIRCUIT_STATE)) {
            return "open".equals(state) ? 1 : 0;
        }
        if (meter.equals(MetricNames.RUN_JOBS_DONE)) {
            return "succeeded".equals(state) ? 3 : 0;
        }
        if (meter.equals(MetricNames.RUN_STARTED)) {
            return Instant.now().minusSeconds(3600).getEpochSecond();
        }
        if (meter.equals(MetricNames.RUN_JOBS_PLANNED)) {
            return 10;
        }
        if (meter.equals(MetricNames.RUN_COMMITTED)) {
            return 90;
        }
        if (meter.equals(MetricNames.RUN_COST)) {
            return 85;
        }
        if (meter.equals(MetricNames.RUN_BUDGET)) {
            return 100;
        }
        if (meter.equals(MetricNames.RUN_BUDGET_REMAINING)) {
            return 10;
        }
        if (meter.equals(MetricNames.QUOTA_LIMIT)) {
            return 60;
        }
        return 30;
    }

    private void register(Meter meter, Tags tags, double value) {
        switch (meter.type()) {
            case COUNTER ->
                counters.add(Counter.builder(meter.name())
                        .baseUnit(meter.baseUnit())
                        .description(meter.description())
                        .tags(tags)
                        .register(registry));
            case GAUGE -> {
                double[] holder = {value};
                gaugeValues.add(holder);
                Gauge.builder(meter.name(), holder, h -> h[0])
                        .baseUnit(meter.baseUnit())
                        .description(meter.description())
                        .tags(tags)
                        .register(registry);
            }
            case TIMER ->
                timers.add(Timer.builder(meter.name())
                        .description(meter.description())
                        .tags(tags)
                        .publishPercentileHistogram(meter.histogram())
                        .register(registry));
        }
    }
}
