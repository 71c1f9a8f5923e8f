package dev.nightshift.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.config.IngestConfig;
import dev.nightshift.core.config.JobsConfig;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.config.RoutingConfig;
import dev.nightshift.core.config.RoutingRule;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.attempt.AttemptRunner;
import dev.nightshift.worker.attempt.ProviderGate;
import dev.nightshift.worker.attempt.ResultPublisher;
import dev.nightshift.worker.circuit.CircuitBreaker;
import dev.nightshift.worker.lane.Disposition;
import dev.nightshift.worker.provider.ProviderClients;
import dev.nightshift.worker.quota.AimdScale;
import dev.nightshift.worker.quota.QuotaLedger;
import dev.nightshift.worker.retry.Backoff;
import dev.nightshift.worker.support.FakeProvider;
import dev.nightshift.worker.support.TestJobs;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane record worked by the real {@link AttemptRunner} and {@link ProviderGate} against a provider on
 * 127.0.0.1: what the call did must land in the catalogue's meters with the right tags, and the scrape must
 * hold nothing the catalogue forbids (no job id, path or key).
 */
class MicrometerWorkerEventsTest {
    private static final String PROVIDER = "deepseek";
    private static final String MODEL = "m1";
    private static final String BASELINE = "big";
    private static final Price PRICE =
            new Price(Money.usd("0.14"), Money.usd("0.014"), Money.usd("0.14"), Money.usd("0.42"));
    private static final Price BASELINE_PRICE =
            new Price(Money.usd("2.50"), Money.usd("1.25"), Money.usd("2.50"), Money.usd("10.00"));
    private static final Usage BILLED = Usage.of(86, 1920, 0, 300);
    private static final String SUCCESS = """
            {"choices":[{"message":{"content":"/** Adds two ints. */"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920}}}""";
    private static final Limits LIMITS = new Limits(60, 100_000L, null, 8, null, null);

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerWorkerEvents events = new MicrometerWorkerEvents(registry);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private FakeProvider provider;
    private WebClient web;

    MicrometerWorkerEventsTest() {
        registry.config().commonTags(MetricNames.SERVICE, "worker");
    }

    @AfterEach
    void tearDown() {
        if (provider != null) {
            provider.close();
        }
        if (web != null) {
            web.close();
        }
        vertx.close().await();
    }

    @Test
    void aSucceededCallIsCountedWithItsTokensCostBaselineAndLatencyUnderBoundedTags() throws Exception {
        // Given a lane whose provider answers with a billed completion
        NightshiftConfig config = start(r -> FakeProvider.Answer.json(200, SUCCESS));
        LaneRequest request =
                TestJobs.lane(PROVIDER, TestJobs.job("r-metrics-1", "src/main/java/demo/Adder.java", TaskType.DOCS));

        // When the worker works its record
        Disposition disposition = work(config, request);

        // Then the attempt, its tokens, its dollars and its latency are in the registry, tagged by provider, model,
        // task
        assertThat(disposition).isEqualTo(Disposition.ACCEPT);
        assertThat(registry.get(MetricNames.ATTEMPTS.name())
                        .tags(
                                MetricNames.PROVIDER,
                                PROVIDER,
                                MetricNames.MODEL,
                                MODEL,
                                MetricNames.TASK,
                                "docs",
                                MetricNames.OUTCOME,
                                "succeeded",
                                MetricNames.FAILURE_CLASS,
                                MetricNames.NONE)
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(tokens(MetricNames.BUCKET_UNCACHED_INPUT)).isEqualTo(86);
        assertThat(tokens(MetricNames.BUCKET_CACHE_READ_INPUT)).isEqualTo(1920);
        assertThat(tokens(MetricNames.BUCKET_CACHE_WRITE_INPUT)).isEqualTo(0);
        assertThat(tokens(MetricNames.BUCKET_OUTPUT)).isEqualTo(300);
        assertThat(dollars(MetricNames.COST))
                .isCloseTo(PRICE.cost(BILLED).toBigDecimal().doubleValue(), within(1e-12));
        assertThat(dollars(MetricNames.COST_BASELINE))
                .isCloseTo(BASELINE_PRICE.cost(BILLED).toBigDecimal().doubleValue(), within(1e-12));
        Timer latency = registry.get(MetricNames.CALL_DURATION.name())
                .tags(MetricNames.PROVIDER, PROVIDER, MetricNames.MODEL, MODEL, MetricNames.OUTCOME, "succeeded")
                .timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get(MetricNames.JOBS.name())
                        .tags(MetricNames.STATE, "running", MetricNames.TASK, "docs", MetricNames.TENANT, "acme")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MetricNames.CALLS_IN_FLIGHT.name())
                        .tag(MetricNames.PROVIDER, PROVIDER)
                        .gauge()
                        .value())
                .isZero();

        // And the quota and circuit gauges say what the lane saw; the scrape is catalogued, bounded, and has a
        // histogram
        assertThat(quota(MetricNames.QUOTA_USED, "requests_per_minute")).isEqualTo(1);
        assertThat(quota(MetricNames.QUOTA_USED, "input_tokens_per_minute")).isEqualTo(2006);
        assertThat(quota(MetricNames.QUOTA_LIMIT, "requests_per_minute")).isEqualTo(60);
        assertThat(quota(MetricNames.QUOTA_SHARE, "concurrent_requests")).isEqualTo(8);
        assertThat(registry.find(MetricNames.QUOTA_LIMIT.name())
                        .tag(MetricNames.DIMENSION, "output_tokens_per_minute")
                        .gauge())
                .as("an unlimited dimension has no limit series")
                .isNull();
        assertThat(registry.get(MetricNames.CIRCUIT_STATE.name())
                        .tags(MetricNames.PROVIDER, PROVIDER, MetricNames.STATE, "closed")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get(MetricNames.CIRCUIT_STATE.name())
                        .tags(MetricNames.PROVIDER, PROVIDER, MetricNames.STATE, "open")
                        .gauge()
                        .value())
                .isZero();
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains(
                        "nightshift_call_duration_seconds_bucket{",
                        "nightshift_cost_dollars_total{",
                        "nightshift_tokens_total{",
                        "nightshift_attempts_total{",
                        "nightshift_quota_limit{");
        assertThat(MetricNames.violations(scrape)).isEmpty();
        assertThat(scrape)
                .doesNotContain(request.job().jobId())
                .doesNotContain("Adder.java")
                .doesNotContain("r-metrics-1");
    }

    @Test
    void aRateLimitedCallCountsAFailedAttemptA429AndTheRetryAfterWaitButNoTokens() throws Exception {
        // Given a provider that answers 429 with retry-after 1 s
        NightshiftConfig config = start(r -> new FakeProvider.Answer(
                429,
                Map.of("content-type", "application/json", "retry-after", "1"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                0));
        LaneRequest request = TestJobs.lane(PROVIDER, TestJobs.job("r-metrics-2", "a.py", TaskType.TESTS));

        // When the worker works its record (and releases it after the provider's wait)
        Disposition disposition = work(config, request);

        // Then a failed attempt of class rate_limited, one 429 and a one-second retry-after wait are counted
        assertThat(disposition).isEqualTo(Disposition.RELEASE);
        assertThat(registry.get(MetricNames.ATTEMPTS.name())
                        .tags(
                                MetricNames.OUTCOME,
                                "failed",
                                MetricNames.FAILURE_CLASS,
                                "rate_limited",
                                MetricNames.TASK,
                                "tests")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MetricNames.RATE_LIMITED.name())
                        .tags(MetricNames.PROVIDER, PROVIDER, MetricNames.MODEL, MODEL)
                        .counter()
                        .count())
                .isEqualTo(1);
        Timer retryAfter = registry.get(MetricNames.RETRY_AFTER.name())
                .tag(MetricNames.PROVIDER, PROVIDER)
                .timer();
        assertThat(retryAfter.count()).isEqualTo(1);
        assertThat(retryAfter.totalTime(TimeUnit.SECONDS)).isEqualTo(1.0);
        // And a call that billed nothing adds no tokens and no dollars (not even zeroes)
        assertThat(registry.find(MetricNames.TOKENS.name()).counter()).isNull();
        assertThat(registry.find(MetricNames.COST.name()).counter()).isNull();
        assertThat(MetricNames.violations(registry.scrape())).isEmpty();
    }

    @Test
    void meteredSeriesThatDashboardsDivideByExistAtZeroAsSoonAsALaneStarts() {
        // When a lane starts for a provider with two models and two limited dimensions
        events.laneStarted(
                PROVIDER,
                new ProviderConfig(
                        Protocol.OPENAI,
                        "http://127.0.0.1:9",
                        "TEST_API_KEY",
                        null,
                        LIMITS,
                        Map.of(
                                MODEL,
                                new ModelConfig("wire-m1", 128_000, PRICE),
                                BASELINE,
                                new ModelConfig("wire-big", 128_000, BASELINE_PRICE))));

        // Then 429s per model, retry-after and quota waits per limited dimension and all three circuit states read zero
        // or closed
        String scrape = registry.scrape();
        assertThat(registry.get(MetricNames.RATE_LIMITED.name())
                        .tag(MetricNames.MODEL, BASELINE)
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get(MetricNames.RETRY_AFTER.name())
                        .tag(MetricNames.PROVIDER, PROVIDER)
                        .timer()
                        .count())
                .isZero();
        assertThat(registry.find(MetricNames.QUOTA_WAIT.name()).timers())
                .extracting(t -> t.getId().getTag(MetricNames.DIMENSION))
                .containsExactlyInAnyOrder("requests_per_minute", "input_tokens_per_minute", "concurrent_requests");
        assertThat(registry.find(MetricNames.CIRCUIT_STATE.name()).gauges()).hasSize(3);
        assertThat(scrape)
                .contains("nightshift_circuit_state{provider=\"deepseek\",service=\"worker\",state=\"half_open\"} 0.0");
        assertThat(MetricNames.violations(scrape)).isEmpty();
    }

    @Test
    void aBatchLaneRegistersItsMetersAtZeroAndReportsItsBatches() {
        // Given a provider's batch lane that started
        events.batchLaneStarted(PROVIDER);
        assertThat(registry.get(MetricNames.BATCHES_OPEN.name())
                        .tag(MetricNames.PROVIDER, PROVIDER)
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.find(MetricNames.BATCH_TURNAROUND.name()).timers())
                .extracting(t -> t.getId().getTag(MetricNames.STATE))
                .containsExactlyInAnyOrder("completed", "expired", "cancelled", "failed");

        // When it holds two batches of five requests and one more being collected, and a batch ends after 40 minutes
        events.batches(PROVIDER, 2, 11);
        events.batchEnded(PROVIDER, "expired", Duration.ofMinutes(40));

        // Then the gauges and the turnaround say so
        assertThat(registry.get(MetricNames.BATCHES_OPEN.name()).gauge().value())
                .isEqualTo(2.0);
        assertThat(registry.get(MetricNames.BATCH_ITEMS_WAITING.name()).gauge().value())
                .isEqualTo(11.0);
        Timer expired = registry.get(MetricNames.BATCH_TURNAROUND.name())
                .tag(MetricNames.STATE, "expired")
                .timer();
        assertThat(expired.count()).isEqualTo(1);
        assertThat(expired.totalTime(TimeUnit.MINUTES)).isEqualTo(40.0, within(0.001));
        assertThat(MetricNames.violations(registry.scrape())).isEmpty();
    }

    @Test
    void aTenantThatIsNotABoundedIdIsCountedAsOtherRatherThanBecomingALabel() {
        String pathLikeTenant = Path.of(System.getProperty("java.io.tmpdir"), "alice", "secret-repo")
                .toString();
        events.callEnded(new CallEnded(
                PROVIDER,
                MODEL,
                TaskType.DOCS,
                pathLikeTenant,
                dev.nightshift.core.event.Outcome.SUCCEEDED,
                null,
                BILLED,
                PRICE.cost(BILLED),
                null,
                Duration.ofMillis(5)));

        assertThat(registry.get(MetricNames.COST.name())
                        .tag(MetricNames.TENANT, MicrometerWorkerEvents.OTHER)
                        .counter()
                        .count())
                .isPositive();
        assertThat(registry.scrape()).doesNotContain("alice");
    }

    private NightshiftConfig start(Function<FakeProvider.Received, FakeProvider.Answer> script) {
        provider = new FakeProvider(vertx, script);
        web = WebClient.create(vertx);
        ProviderConfig p = new ProviderConfig(
                Protocol.OPENAI,
                provider.baseUrl(),
                "TEST_API_KEY",
                null,
                LIMITS,
                Map.of(
                        MODEL,
                        new ModelConfig("wire-m1", 128_000, PRICE),
                        BASELINE,
                        new ModelConfig("wire-big", 128_000, BASELINE_PRICE)));
        ModelRef ref = new ModelRef(PROVIDER, MODEL);
        return new NightshiftConfig(
                Map.of(PROVIDER, p),
                new RoutingConfig(List.of(
                        new RoutingRule("docs", TaskType.DOCS, List.of(ref)),
                        new RoutingRule("tests", TaskType.TESTS, List.of(ref)))),
                new JobsConfig(Map.of(TaskType.DOCS, 2048, TaskType.TESTS, 4096), "1"),
                new ModelRef(PROVIDER, BASELINE),
                new IngestConfig(1_048_576, List.of()),
                null);
    }

    private Disposition work(NightshiftConfig config, LaneRequest request) throws Exception {
        ProviderConfig p = config.providers().get(PROVIDER);
        InstantSource clock = InstantSource.system();
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        ProviderGate gate = new ProviderGate(
                vertx,
                PROVIDER,
                new QuotaLedger(p.limits(), new AimdScale(50, Duration.ofSeconds(2))),
                new CircuitBreaker(5, Duration.ofSeconds(30), Duration.ofMinutes(5)),
                clock,
                backoff,
                events);
        AttemptRunner runner = new AttemptRunner(
                vertx,
                config,
                PROVIDER,
                ProviderClients.forProvider(p, Optional.empty(), vertx, web, clock, Duration.ofSeconds(10)),
                new ResultPublisher(producer),
                gate,
                clock,
                backoff,
                RandomGenerator.getDefault(),
                5,
                events);
        events.laneStarted(PROVIDER, p);
        return Future.<Disposition>future(promise ->
                        context.runOnContext(v -> runner.handle(request, 1).onComplete(promise)))
                .await(20, TimeUnit.SECONDS);
    }

    private double tokens(String bucket) {
        return registry.get(MetricNames.TOKENS.name())
                .tags(
                        MetricNames.PROVIDER,
                        PROVIDER,
                        MetricNames.MODEL,
                        MODEL,
                        MetricNames.TASK,
                        "docs",
                        MetricNames.BUCKET,
                        bucket)
                .counter()
                .count();
    }

    private double dollars(MetricNames.Meter meter) {
        return registry.get(meter.name())
                .tags(
                        MetricNames.PROVIDER,
                        PROVIDER,
                        MetricNames.MODEL,
                        MODEL,
                        MetricNames.TASK,
                        "docs",
                        MetricNames.TENANT,
                        "acme")
                .counter()
                .count();
    }

    private double quota(MetricNames.Meter meter, String dimension) {
        return registry.get(meter.name())
                .tags(MetricNames.PROVIDER, PROVIDER, MetricNames.DIMENSION, dimension)
                .gauge()
                .value();
    }
}
