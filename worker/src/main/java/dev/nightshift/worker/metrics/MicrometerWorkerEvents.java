package dev.nightshift.worker.metrics;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.quota.Dimension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker's meters, from the catalogue in {@link MetricNames} (every meter whose "emitted by" names the
 * worker): jobs entering {@code running}, attempts by outcome and failure class, tokens by usage bucket,
 * dollars at the configured and at the baseline price, call latency with a percentile histogram, calls in
 * flight, quota used / limit / share per dimension, quota waits, 429s and retry-after pauses, pauses for
 * an account out of credit, circuit state and lane backlog.
 *
 * <p>Meters a dashboard divides by or alerts on are registered at zero when a lane starts (429s per
 * configured model, out-of-credit pauses, retry-after and quota waits, the three circuit states, calls in
 * flight, backlog), so
 * their queries answer "none" rather than "no data". Gauges read values that the lane's context writes;
 * the scrape thread only reads atomics. Tag values come from config and enums; a tenant that is not a
 * bounded id is counted as {@code other} rather than becoming a label.
 */
public final class MicrometerWorkerEvents implements WorkerEvents {
    /** LLM calls run from a fraction of a second to minutes; the histogram's buckets span that. */
    private static final Duration LATENCY_MIN = Duration.ofMillis(10);

    private static final Duration LATENCY_MAX = Duration.ofMinutes(10);
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<ProviderHealth.Circuit>> circuits = new ConcurrentHashMap<>();
    private final Map<String, QuotaGauges> quotas = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> batchesOpen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> batchItemsWaiting = new ConcurrentHashMap<>();

    public MicrometerWorkerEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void laneStarted(String provider, ProviderConfig config) {
        inFlight(provider);
        backlog(provider);
        circuit(provider);
        config.models().keySet().forEach(model -> rateLimitedCounter(provider, model));
        pausedCounter(provider);
        retryAfterTimer(provider);
        Limits l = config.limits();
        if (l != null) {
            registerQuotaWait(provider, Dimension.REQUESTS_PER_MINUTE, l.requestsPerMinute());
            registerQuotaWait(provider, Dimension.INPUT_TOKENS_PER_MINUTE, l.inputTokensPerMinute());
            registerQuotaWait(provider, Dimension.OUTPUT_TOKENS_PER_MINUTE, l.outputTokensPerMinute());
            registerQuotaWait(provider, Dimension.CONCURRENT_REQUESTS, l.concurrentRequests());
            registerQuotaWait(provider, Dimension.REQUESTS_PER_DAY, l.requestsPerDay());
            registerQuotaWait(provider, Dimension.TOKENS_PER_DAY, l.tokensPerDay());
        }
    }

    @Override
    public void jobStarted(Job job) {
        MetricNames.Meter m = MetricNames.JOBS;
        Counter.builder(m.name())
                .description(m.description())
                .tags(
                        MetricNames.STATE,
                        MetricNames.tagValue(JobState.RUNNING),
                        MetricNames.TASK,
                        job.task().id(),
                        MetricNames.TENANT,
                        bounded(m, MetricNames.TENANT, job.tenant()))
                .register(registry)
                .increment();
    }

    @Override
    public void callStarted(String provider) {
        inFlight(provider).incrementAndGet();
    }

    @Override
    public void callEnded(CallEnded call) {
        inFlight(call.provider()).updateAndGet(n -> Math.max(0, n - 1));
        String outcome = MetricNames.tagValue(call.outcome());
        String failureClass =
                call.failureClass() == null ? MetricNames.NONE : MetricNames.tagValue(call.failureClass());
        MetricNames.Meter a = MetricNames.ATTEMPTS;
        Counter.builder(a.name())
                .description(a.description())
                .tags(
                        MetricNames.PROVIDER,
                        call.provider(),
                        MetricNames.MODEL,
                        call.model(),
                        MetricNames.TASK,
                        call.task().id(),
                        MetricNames.OUTCOME,
                        outcome,
                        MetricNames.FAILURE_CLASS,
                        failureClass)
                .register(registry)
                .increment();

        MetricNames.Meter d = MetricNames.CALL_DURATION;
        Timer.builder(d.name())
                .description(d.description())
                .publishPercentileHistogram()
                .minimumExpectedValue(LATENCY_MIN)
                .maximumExpectedValue(LATENCY_MAX)
                .tags(
                        MetricNames.PROVIDER,
                        call.provider(),
                        MetricNames.MODEL,
                        call.model(),
                        MetricNames.OUTCOME,
                        outcome)
                .register(registry)
                .record(call.latency());

        Usage usage = call.usage();
        if (!usage.isReported()) {
            return;
        }
        tokens(call, MetricNames.BUCKET_UNCACHED_INPUT, usage.uncachedInput());
        tokens(call, MetricNames.BUCKET_CACHE_READ_INPUT, usage.cacheReadInput());
        tokens(call, MetricNames.BUCKET_CACHE_WRITE_INPUT, usage.cacheWriteInput());
        tokens(call, MetricNames.BUCKET_OUTPUT, usage.output());
        dollars(MetricNames.COST, call, call.cost());
        if (call.baselineCost() != null) {
            dollars(MetricNames.COST_BASELINE, call, call.baselineCost());
        }
    }

    @Override
    public void rateLimited(String provider, String model, Duration pause) {
        rateLimitedCounter(provider, model).increment();
        retryAfterTimer(provider).record(pause);
    }

    @Override
    public void providerPaused(String provider) {
        pausedCounter(provider).increment();
    }

    @Override
    public void quotaWaited(String provider, Dimension binding, Duration waited) {
        catalogued(binding)
                .ifPresent(dimension -> quotaWaitTimer(provider, dimension).record(waited));
    }

    @Override
    public void quota(String provider, List<QuotaFigure> figures) {
        for (QuotaFigure f : figures) {
            catalogued(f.dimension()).ifPresent(dimension -> quotas.computeIfAbsent(
                            provider + "\u0000" + dimension, k -> new QuotaGauges(provider, dimension))
                    .update(f));
        }
    }

    @Override
    public void circuit(String provider, ProviderHealth.Circuit state) {
        circuit(provider).set(state);
    }

    @Override
    public void laneBacklog(String provider, long records) {
        backlog(provider).set(records);
    }

    private void tokens(CallEnded call, String bucket, Long count) {
        if (count == null) {
            return; // not reported: not even a 0 (see MetricNames.TOKENS)
        }
        MetricNames.Meter m = MetricNames.TOKENS;
        Counter.builder(m.name())
                .description(m.description())
                .baseUnit(m.baseUnit())
                .tags(
                        MetricNames.PROVIDER,
                        call.provider(),
                        MetricNames.MODEL,
                        call.model(),
                        MetricNames.TASK,
                        call.task().id(),
                        MetricNames.BUCKET,
                        bucket)
                .register(registry)
                .increment(count);
    }

    /** Dollars become a double only here, for display; the sink's ledger keeps the exact amounts. */
    private void dollars(MetricNames.Meter m, CallEnded call, Money amount) {
        Counter.builder(m.name())
                .description(m.description())
                .baseUnit(m.baseUnit())
                .tags(
                        MetricNames.PROVIDER,
                        call.provider(),
                        MetricNames.MODEL,
                        call.model(),
                        MetricNames.TASK,
                        call.task().id(),
                        MetricNames.TENANT,
                        bounded(m, MetricNames.TENANT, call.tenant()))
                .register(registry)
                .increment(amount.toBigDecimal().doubleValue());
    }

    private Counter rateLimitedCounter(String provider, String model) {
        MetricNames.Meter m = MetricNames.RATE_LIMITED;
        return Counter.builder(m.name())
                .description(m.description())
                .tags(MetricNames.PROVIDER, provider, MetricNames.MODEL, model)
                .register(registry);
    }

    private Counter pausedCounter(String provider) {
        MetricNames.Meter m = MetricNames.PROVIDER_PAUSED;
        return Counter.builder(m.name())
                .description(m.description())
                .tag(MetricNames.PROVIDER, provider)
                .register(registry);
    }

    private Timer retryAfterTimer(String provider) {
        MetricNames.Meter m = MetricNames.RETRY_AFTER;
        return Timer.builder(m.name())
                .description(m.description())
                .tag(MetricNames.PROVIDER, provider)
                .register(registry);
    }

    private void registerQuotaWait(String provider, Dimension d, Number configured) {
        if (configured != null) {
            catalogued(d).ifPresent(dimension -> quotaWaitTimer(provider, dimension));
        }
    }

    private Timer quotaWaitTimer(String provider, String dimension) {
        MetricNames.Meter m = MetricNames.QUOTA_WAIT;
        return Timer.builder(m.name())
                .description(m.description())
                .tags(MetricNames.PROVIDER, provider, MetricNames.DIMENSION, dimension)
                .register(registry);
    }

    @Override
    public void batchLaneStarted(String provider) {
        batchGauge(batchesOpen, MetricNames.BATCHES_OPEN, provider);
        batchGauge(batchItemsWaiting, MetricNames.BATCH_ITEMS_WAITING, provider);
        BATCH_END_STATES.forEach(state -> turnaroundTimer(provider, state));
    }

    @Override
    public void batches(String provider, int open, int itemsWaiting) {
        batchGauge(batchesOpen, MetricNames.BATCHES_OPEN, provider).set(open);
        batchGauge(batchItemsWaiting, MetricNames.BATCH_ITEMS_WAITING, provider).set(itemsWaiting);
    }

    @Override
    public void batchEnded(String provider, String state, Duration turnaround) {
        turnaroundTimer(provider, state).record(turnaround.isNegative() ? Duration.ZERO : turnaround);
    }

    private AtomicInteger batchGauge(Map<String, AtomicInteger> gauges, MetricNames.Meter m, String provider) {
        return gauges.computeIfAbsent(provider, p -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.Builder<AtomicInteger> gauge = Gauge.builder(m.name(), value, AtomicInteger::doubleValue)
                    .description(m.description())
                    .tag(MetricNames.PROVIDER, p);
            if (m.baseUnit() != null) {
                gauge.baseUnit(m.baseUnit());
            }
            gauge.register(registry);
            return value;
        });
    }

    private Timer turnaroundTimer(String provider, String state) {
        MetricNames.Meter m = MetricNames.BATCH_TURNAROUND;
        return Timer.builder(m.name())
                .description(m.description())
                .publishPercentileHistogram(m.histogram())
                .tags(MetricNames.PROVIDER, provider, MetricNames.STATE, state)
                .register(registry);
    }

    private AtomicInteger inFlight(String provider) {
        return inFlight.computeIfAbsent(provider, p -> {
            AtomicInteger value = new AtomicInteger();
            MetricNames.Meter m = MetricNames.CALLS_IN_FLIGHT;
            Gauge.builder(m.name(), value, AtomicInteger::doubleValue)
                    .description(m.description())
                    .tag(MetricNames.PROVIDER, p)
                    .register(registry);
            return value;
        });
    }

    private AtomicLong backlog(String provider) {
        return backlog.computeIfAbsent(provider, p -> {
            AtomicLong value = new AtomicLong(-1);
            MetricNames.Meter m = MetricNames.LANE_BACKLOG;
            Gauge.builder(m.name(), value, v -> v.get() < 0 ? Double.NaN : v.get())
                    .description(m.description())
                    .baseUnit(m.baseUnit())
                    .tag(MetricNames.PROVIDER, p)
                    .register(registry);
            return value;
        });
    }

    /** All three states are registered, 1 for the current one: {@code open * 2 + half_open} always has both operands. */
    private AtomicReference<ProviderHealth.Circuit> circuit(String provider) {
        return circuits.computeIfAbsent(provider, p -> {
            AtomicReference<ProviderHealth.Circuit> state = new AtomicReference<>(ProviderHealth.Circuit.CLOSED);
            MetricNames.Meter m = MetricNames.CIRCUIT_STATE;
            for (ProviderHealth.Circuit c : ProviderHealth.Circuit.values()) {
                Gauge.builder(m.name(), state, s -> s.get() == c ? 1 : 0)
                        .description(m.description())
                        .tags(MetricNames.PROVIDER, p, MetricNames.STATE, MetricNames.tagValue(c))
                        .register(registry);
            }
            return state;
        });
    }

    /** The catalogue's name of a dimension; the combined tokens-per-minute some headers report is not catalogued. */
    static Optional<String> catalogued(Dimension d) {
        if (d == null) {
            return Optional.empty();
        }
        String name = d.name().toLowerCase(Locale.ROOT);
        return MetricNames.DIMENSIONS.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private static String bounded(MetricNames.Meter m, String key, String value) {
        String v = value == null || value.isBlank() ? "default" : value;
        try {
            m.requireSafeTag(key, v);
            return v;
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    /**
     * Used, limit and share of one provider's dimension. Used is registered at once; limit and share when a
     * limit first applies (configured, reported by headers or learnt from a 429), so that an unlimited
     * dimension adds no series that could only ever read NaN.
     */
    private final class QuotaGauges {
        final String provider;
        final String dimension;
        final AtomicLong used = new AtomicLong();
        final AtomicLong limit = new AtomicLong(-1);
        final AtomicLong share = new AtomicLong(-1);
        boolean limitRegistered;

        QuotaGauges(String provider, String dimension) {
            this.provider = provider;
            this.dimension = dimension;
            register(MetricNames.QUOTA_USED, used);
        }

        synchronized void update(QuotaFigure f) {
            used.set(f.used());
            limit.set(f.accountLimit().orElse(-1));
            share.set(f.share().orElse(-1));
            if (!limitRegistered && f.accountLimit().isPresent()) {
                register(MetricNames.QUOTA_LIMIT, limit);
                register(MetricNames.QUOTA_SHARE, share);
                limitRegistered = true;
            }
        }

        private void register(MetricNames.Meter m, AtomicLong value) {
            Gauge.builder(m.name(), value, v -> v.get() < 0 ? Double.NaN : v.get())
                    .description(m.description())
                    .tags(Tags.of(MetricNames.PROVIDER, provider, MetricNames.DIMENSION, dimension))
                    .register(registry);
        }
    }
}
