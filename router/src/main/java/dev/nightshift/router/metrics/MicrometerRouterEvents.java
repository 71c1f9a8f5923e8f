package dev.nightshift.router.metrics;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.engine.RouterEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router's meters, from the catalogue in {@link MetricNames}: jobs routed per provider, model and task;
 * the group's consumer lag; and each budgeted run's budget, spend (settled plus held) and remainder. Run
 * gauges are kept for the {@value MetricNames#MAX_RUNS_LABELLED} most recently budgeted runs (the router does
 * not see a run end), the oldest dropped first. Values are written by the loop thread and read by the
 * scrape; dollars become doubles only here, for display.
 */
public final class MicrometerRouterEvents implements RouterEvents {
    private final MeterRegistry registry;
    private final AtomicLong lag = new AtomicLong();
    private final Map<String, RunFigures> runs = new LinkedHashMap<>();

    public MicrometerRouterEvents(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(MetricNames.CONSUMER_LAG.name(), lag, AtomicLong::doubleValue)
                .description(MetricNames.CONSUMER_LAG.description())
                .baseUnit(MetricNames.CONSUMER_LAG.baseUnit())
                .register(registry);
    }

    /**
     * Registers the routed-jobs counter of every model and task at 0, so that Prometheus sees the first
     * routed job as an increase (a counter first scraped at its final value has a rate of 0).
     */
    public MicrometerRouterEvents startingAtZero(java.util.Collection<ModelRef> models) {
        for (ModelRef model : models) {
            for (TaskType task : TaskType.values()) {
                routedCounter(model, task);
            }
        }
        return this;
    }

    @Override
    public void routed(ModelRef model, TaskType task) {
        routedCounter(model, task).increment();
    }

    private Counter routedCounter(ModelRef model, TaskType task) {
        MetricNames.Meter m = MetricNames.JOBS_ROUTED;
        return Counter.builder(m.name())
                .description(m.description())
                .tags(
                        MetricNames.PROVIDER,
                        model.provider(),
                        MetricNames.MODEL,
                        model.model(),
                        MetricNames.TASK,
                        task.id())
                .register(registry);
    }

    @Override
    public synchronized void runBudget(String runId, String tenant, Money limit, Money committed) {
        RunFigures figures = runs.get(runId);
        if (figures == null) {
            figures = new RunFigures(register(runId, tenant));
            runs.put(runId, figures);
            evictOldest();
        }
        figures.limit = limit.toBigDecimal().doubleValue();
        figures.committed = committed.toBigDecimal().doubleValue();
    }

    @Override
    public void consumerLag(long records) {
        lag.set(records);
    }

    private List<Meter> register(String runId, String tenant) {
        Tags tags = Tags.of(MetricNames.RUN, runId, MetricNames.TENANT, tenant);
        return List.of(
                gauge(MetricNames.RUN_BUDGET, tags, runId, f -> f.limit),
                gauge(MetricNames.RUN_SPENT, tags, runId, f -> f.committed),
                gauge(MetricNames.RUN_BUDGET_REMAINING, tags, runId, f -> f.limit - f.committed));
    }

    private Meter gauge(
            MetricNames.Meter m, Tags tags, String runId, java.util.function.ToDoubleFunction<RunFigures> value) {
        return Gauge.builder(m.name(), () -> {
                    RunFigures f = figures(runId);
                    return f == null ? Double.NaN : value.applyAsDouble(f);
                })
                .description(m.description())
                .baseUnit(m.baseUnit())
                .tags(tags)
                .register(registry);
    }

    private synchronized RunFigures figures(String runId) {
        return runs.get(runId);
    }

    private void evictOldest() {
        Iterator<Map.Entry<String, RunFigures>> it = runs.entrySet().iterator();
        while (runs.size() > MetricNames.MAX_RUNS_LABELLED && it.hasNext()) {
            it.next().getValue().meters.forEach(registry::remove);
            it.remove();
        }
    }

    private static final class RunFigures {
        final List<Meter> meters;
        volatile double limit;
        volatile double committed;

        RunFigures(List<Meter> meters) {
            this.meters = meters;
        }
    }
}
