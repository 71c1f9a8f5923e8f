package dev.nightshift.sink.metrics;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.query.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sink's meters from the catalogue in {@link MetricNames}: terminal job states, dead letters, the
 * consumer lag, the validator's verdicts and the dollars of test attempts by verdict, and the
 * {@code nightshift.run.*} gauges of active runs. The run gauges but failures read the run's status as the
 * sink's store holds it after each batch (planned and ended jobs, billed dollars, ETA), so they are the durable
 * figures whatever this process saw; failures by class are counted as the sink records them, every class from 0.
 * A run's gauges are registered when
 * it is first seen, removed {@value MetricNames#RUN_GAUGE_GRACE_MINUTES} minutes after it completed, and at
 * most {@value MetricNames#MAX_RUNS_LABELLED} runs are labelled (finished runs leave first, then the oldest).
 */
public final class MicrometerSinkEvents implements SinkEvents {
    private final MeterRegistry registry;
    private final InstantSource clock;
    private final AtomicLong lag = new AtomicLong();
    private final Map<String, RunGauges> runs = new LinkedHashMap<>();

    public MicrometerSinkEvents(MeterRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
        MetricNames.Meter m = MetricNames.CONSUMER_LAG;
        Gauge.builder(m.name(), lag, AtomicLong::doubleValue)
                .description(m.description())
                .baseUnit(m.baseUnit())
                .tag(MetricNames.SERVICE, "sink")
                .register(registry);
    }

    @Override
    public void jobEnded(String runId, JobState state, TaskType task, String tenant) {
        MetricNames.Meter m = MetricNames.JOBS;
        Counter.builder(m.name())
                .description(m.description())
                .tags(
                        MetricNames.STATE,
                        MetricNames.tagValue(state),
                        MetricNames.TASK,
                        task == null ? "unknown" : task.id(),
                        MetricNames.TENANT,
                        safe(m, MetricNames.TENANT, tenant))
                .register(registry)
                .increment();
    }

    /**
     * Registers, at 0, the {@code passed} series of both validation meters for every configured model and each
     * language the validator runs tests for, so that a pass-rate or cost-per-passing-test panel has its
     * denominator and numerator before the first test is judged, and the first passing test shows in
     * {@code increase()} (a counter first seen at 1 has no increase). Other verdicts appear when first seen.
     */
    @Override
    public void testModels(Map<String, ? extends java.util.Collection<String>> modelsByProvider) {
        List<String> languages = java.util.Arrays.stream(TestFramework.values())
                .map(TestFramework::language)
                .distinct()
                .toList();
        modelsByProvider.forEach((provider, models) -> models.forEach(model -> languages.forEach(language -> {
            verdictCounter(provider, model, language, MetricNames.tagValue(Verdict.PASSED));
            verdictCost(provider, model, language, MetricNames.tagValue(Verdict.PASSED));
        })));
    }

    @Override
    public void testAttempt(String provider, String model, String language, Verdict verdict, Money cost) {
        String v = verdict == null ? MetricNames.NONE : MetricNames.tagValue(verdict);
        String bareModel = bareModel(provider, model);
        String lang = language == null || language.isBlank() ? "unknown" : language;
        if (verdict != null) {
            verdictCounter(provider, bareModel, lang, v).increment();
        }
        verdictCost(provider, bareModel, lang, v)
                .increment(cost == null ? 0 : cost.toBigDecimal().doubleValue());
    }

    private Counter verdictCounter(String provider, String model, String language, String verdict) {
        return validationCounter(MetricNames.VALIDATION_VERDICTS, provider, model, language, verdict);
    }

    private Counter verdictCost(String provider, String model, String language, String verdict) {
        return validationCounter(MetricNames.VALIDATION_COST, provider, model, language, verdict);
    }

    private Counter validationCounter(
            MetricNames.Meter m, String provider, String model, String language, String verdict) {
        return Counter.builder(m.name())
                .description(m.description())
                .baseUnit(m.baseUnit())
                .tags(
                        MetricNames.PROVIDER,
                        safe(m, MetricNames.PROVIDER, provider),
                        MetricNames.MODEL,
                        safe(m, MetricNames.MODEL, model),
                        MetricNames.LANGUAGE,
                        safe(m, MetricNames.LANGUAGE, language),
                        MetricNames.VERDICT,
                        verdict)
                .register(registry);
    }

    /** The model as configured under its provider ({@code deepseek-chat}), as the worker's meters tag it. */
    private static String bareModel(String provider, String model) {
        String m = model == null || model.isBlank() ? "unknown" : model;
        return provider != null && m.startsWith(provider + "/") ? m.substring(provider.length() + 1) : m;
    }

    @Override
    public synchronized void attemptFailed(String runId, FailureClass failureClass) {
        RunGauges g = runs.get(runId);
        if (g != null && failureClass != null) {
            g.failures(failureClass).incrementAndGet();
        }
    }

    @Override
    public void lanes(java.util.Collection<String> providers) {
        // A counter first seen at 1 has no increase in Prometheus: start each lane's at 0.
        providers.forEach(this::deadLetterCounter);
    }

    @Override
    public void deadLettered(String provider) {
        deadLetterCounter(provider).increment();
    }

    private Counter deadLetterCounter(String provider) {
        MetricNames.Meter m = MetricNames.DEAD_LETTERS;
        return Counter.builder(m.name())
                .description(m.description())
                .tag(MetricNames.PROVIDER, safe(m, MetricNames.PROVIDER, provider))
                .register(registry);
    }

    @Override
    public void consumerLag(long records) {
        lag.set(records);
    }

    @Override
    public synchronized void runProgress(RunStatus s) {
        RunGauges g = runs.computeIfAbsent(s.runId(), id -> new RunGauges(s));
        g.update(s);
        evict(clock.instant());
    }

    private void evict(Instant now) {
        List<RunGauges> ordered = new ArrayList<>(runs.values());
        for (RunGauges g : ordered) {
            if (g.completedAt != null
                    && Duration.between(g.completedAt, now).toMinutes() >= MetricNames.RUN_GAUGE_GRACE_MINUTES) {
                remove(g);
            }
        }
        if (runs.size() > MetricNames.MAX_RUNS_LABELLED) {
            ordered = new ArrayList<>(runs.values());
            ordered.sort(Comparator.comparing((RunGauges g) -> g.completedAt == null)
                    .thenComparing(g -> g.completedAt == null ? g.seenAt : g.completedAt));
            for (int i = 0; runs.size() > MetricNames.MAX_RUNS_LABELLED; i++) {
                remove(ordered.get(i));
            }
        }
    }

    private void remove(RunGauges g) {
        g.meters.forEach(registry::remove);
        runs.remove(g.runId);
    }

    private static String safe(MetricNames.Meter m, String key, String value) {
        String v = value == null || value.isBlank() ? "default" : value;
        m.requireSafeTag(key, v);
        return v;
    }

    /** One run's gauges and the figures they read. */
    private final class RunGauges {
        final String runId;
        final Instant seenAt = clock.instant();
        final List<Meter> meters = new ArrayList<>();
        final Map<JobState, AtomicLong> done = new EnumMap<>(JobState.class);
        final Map<FailureClass, AtomicLong> failures = new EnumMap<>(FailureClass.class);
        final AtomicLong planned = new AtomicLong();
        final AtomicLong started = new AtomicLong();
        final AtomicLong eta = new AtomicLong(-1);
        /** Billed dollars as a double: display only, the ledger keeps the exact amount. */
        final AtomicReference<Double> cost = new AtomicReference<>(0.0);

        final Tags tags;
        Instant completedAt;

        RunGauges(RunStatus s) {
            runId = s.runId();
            tags = Tags.of(
                    MetricNames.RUN,
                    s.runId(),
                    MetricNames.TENANT,
                    s.tenant(),
                    MetricNames.TASK,
                    s.task() == null ? "unknown" : s.task().id());
            meters.add(gauge(MetricNames.RUN_STARTED, tags, started));
            meters.add(gauge(MetricNames.RUN_JOBS_PLANNED, tags, planned));
            for (JobState st :
                    new JobState[] {JobState.SUCCEEDED, JobState.FAILED, JobState.DEAD_LETTERED, JobState.CANCELLED}) {
                AtomicLong v = new AtomicLong();
                done.put(st, v);
                meters.add(gauge(MetricNames.RUN_JOBS_DONE, tags.and(MetricNames.STATE, MetricNames.tagValue(st)), v));
            }
            MetricNames.Meter m = MetricNames.RUN_ETA;
            meters.add(Gauge.builder(m.name(), eta, a -> a.get() < 0 ? Double.NaN : a.get())
                    .description(m.description())
                    .baseUnit(m.baseUnit())
                    .tag(MetricNames.RUN, runId)
                    .register(registry));
            MetricNames.Meter c = MetricNames.RUN_COST;
            meters.add(Gauge.builder(c.name(), cost, AtomicReference::get)
                    .description(c.description())
                    .baseUnit(c.baseUnit())
                    .tags(MetricNames.RUN, runId, MetricNames.TENANT, s.tenant())
                    .register(registry));
            // A run without failures reads 0 per class rather than "no data".
            for (FailureClass f : FailureClass.values()) {
                failures(f);
            }
        }

        AtomicLong failures(FailureClass c) {
            return failures.computeIfAbsent(c, k -> {
                AtomicLong v = new AtomicLong();
                meters.add(gauge(
                        MetricNames.RUN_FAILURES,
                        Tags.of(MetricNames.RUN, runId, MetricNames.FAILURE_CLASS, MetricNames.tagValue(c)),
                        v));
                return v;
            });
        }

        void update(RunStatus s) {
            Instant plannedAt = s.progress().plannedAt() != null
                    ? s.progress().plannedAt()
                    : s.progress().firstResultAt();
            started.set(plannedAt == null ? 0 : plannedAt.getEpochSecond());
            planned.set(s.jobs().total());
            done.get(JobState.SUCCEEDED).set(s.jobs().succeeded());
            done.get(JobState.FAILED).set(s.jobs().failed());
            done.get(JobState.DEAD_LETTERED).set(s.jobs().deadLettered());
            done.get(JobState.CANCELLED).set(s.jobs().cancelled());
            eta.set(s.progress().etaSeconds() == null ? -1 : s.progress().etaSeconds());
            cost.set(
                    s.cost() == null || s.cost().usd() == null
                            ? 0.0
                            : s.cost().usd().toBigDecimal().doubleValue());
            if (s.progress().completedAt() != null && completedAt == null) {
                completedAt = clock.instant();
            }
        }

        private Meter gauge(MetricNames.Meter m, Tags t, AtomicLong value) {
            return Gauge.builder(m.name(), value, AtomicLong::doubleValue)
                    .description(m.description())
                    .baseUnit(m.baseUnit())
                    .tags(t)
                    .register(registry);
        }
    }
}
