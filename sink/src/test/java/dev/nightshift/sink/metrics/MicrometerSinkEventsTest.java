package dev.nightshift.sink.metrics;

import static dev.nightshift.sink.Fixtures.billedFailure;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrometerSinkEventsTest {
    @TempDir
    Path dir;

    @Test
    void countsEndedJobsAndKeepsARunsGaugesUntilTheGraceAfterItCompleted() {
        AtomicReference<Instant> now = new AtomicReference<>(Fixtures.T0);
        InstantSource clock = now::get;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerSinkEvents events = new MicrometerSinkEvents(registry, clock);
        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = new BatchApplier(store, clock);
            SinkQueries queries = new SinkQueries(store, clock);
            String run = newRunId();

            BatchApplier.Applied applied = applier.apply(List.of(
                    new Incoming.Plan(plan(run, "acme", List.of("j1", "j2"))),
                    new Incoming.Event(billedFailure(run, "j1", 1, "a.py", Usage.of(5, 0, 0, 1), false)),
                    new Incoming.Event(success(run, "j1", 2, "a.py", Usage.of(5, 0, 0, 1))),
                    new Incoming.Event(success(run, "j2", 1, "b.py", Usage.of(5, 0, 0, 1)))));
            applied.emit(events, r -> queries.status(r, null));

            assertThat(registry.get(MetricNames.JOBS.name())
                            .tag(MetricNames.STATE, "succeeded")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_JOBS_DONE.name())
                            .tag(MetricNames.RUN, run)
                            .tag(MetricNames.STATE, "succeeded")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_JOBS_PLANNED.name())
                            .tag(MetricNames.RUN, run)
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_FAILURES.name())
                            .tag(MetricNames.FAILURE_CLASS, "invalid_output")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            // Every other class reads 0 rather than nothing, and the billed dollars are the ledger's, failures included
            assertThat(registry.get(MetricNames.RUN_FAILURES.name())
                            .tag(MetricNames.RUN, run)
                            .gauges())
                    .hasSize(dev.nightshift.core.event.FailureClass.values().length);
            assertThat(registry.get(MetricNames.RUN_FAILURES.name())
                            .tag(MetricNames.FAILURE_CLASS, "rate_limited")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get(MetricNames.RUN_COST.name())
                            .tag(MetricNames.RUN, run)
                            .tag(MetricNames.TENANT, "acme")
                            .gauge()
                            .value())
                    .isPositive()
                    .isEqualTo(queries.status(run, null)
                            .cost()
                            .usd()
                            .toBigDecimal()
                            .doubleValue());

            now.set(now.get().plusSeconds(MetricNames.RUN_GAUGE_GRACE_MINUTES * 60L + 120));
            events.runProgress(queries.status(run, null));
            String other = newRunId();
            applier.apply(List.of(new Incoming.Plan(plan(other, "acme", List.of("x")))))
                    .runs()
                    .forEach(r -> events.runProgress(queries.status(r, null)));

            assertThat(registry.find(MetricNames.RUN_JOBS_PLANNED.name())
                            .tag(MetricNames.RUN, run)
                            .gauge())
                    .isNull();
            assertThat(registry.find(MetricNames.RUN_JOBS_PLANNED.name())
                            .tag(MetricNames.RUN, other)
                            .gauge())
                    .isNotNull();
        }
    }

    @Test
    void aRestartedSinkReportsTheRunsDurableFiguresNotOnlyWhatItSawSinceItStarted() {
        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = new BatchApplier(store, InstantSource.system());
            SinkQueries queries = new SinkQueries(store, InstantSource.system());
            String run = newRunId();
            // Given a run whose plan and results were recorded before this process's meters existed
            applier.apply(List.of(
                    new Incoming.Plan(plan(run, "acme", List.of("j1", "j2"))),
                    new Incoming.Event(success(run, "j1", 1, "a.py", Usage.of(500, 0, 0, 100)))));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MicrometerSinkEvents restarted = new MicrometerSinkEvents(registry, InstantSource.system());

            // When the next batch of the run arrives
            applier.apply(List.of(new Incoming.Event(success(run, "j2", 1, "b.py", Usage.of(500, 0, 0, 100)))))
                    .emit(restarted, r -> queries.status(r, null));

            // Then the gauges hold the whole run as the store has it: both jobs, both calls' dollars
            assertThat(registry.get(MetricNames.RUN_JOBS_DONE.name())
                            .tag(MetricNames.RUN, run)
                            .tag(MetricNames.STATE, "succeeded")
                            .gauge()
                            .value())
                    .isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_COST.name())
                            .tag(MetricNames.RUN, run)
                            .gauge()
                            .value())
                    .isEqualTo(Fixtures.FLASH
                                    .cost(Usage.of(500, 0, 0, 100))
                                    .toBigDecimal()
                                    .doubleValue()
                            * 2);
        }
    }

    @Test
    void validationVerdictsAndTheirDollarsAreCountedByModelAndLanguageFromZero() {
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        MicrometerSinkEvents events = new MicrometerSinkEvents(registry, InstantSource.system());
        events.testModels(java.util.Map.of(
                "deepseek", java.util.Set.of("deepseek-chat"), "qwen", java.util.Set.of("qwen2.5-coder")));

        // Before any test: the passed series of every model and test language exist, at 0
        String before = registry.scrape();
        assertThat(before)
                .contains(
                        "nightshift_validation_verdicts_total{language=\"go\",model=\"qwen2.5-coder\",provider=\"qwen\","
                                + "verdict=\"passed\"} 0.0");
        assertThat(before)
                .contains("nightshift_validation_cost_dollars_total{language=\"java\",model=\"deepseek-chat\","
                        + "provider=\"deepseek\",verdict=\"passed\"} 0.0");

        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = new BatchApplier(store, InstantSource.system());
            String run = newRunId();
            for (Incoming in : dev.nightshift.sink.ValidatedRun.records(run)) {
                applier.apply(List.of(in)).emit(events, id -> null);
            }
        }

        assertThat(count(registry, MetricNames.VALIDATION_VERDICTS, "deepseek-chat", "java", "passed"))
                .isEqualTo(1.0);
        assertThat(count(registry, MetricNames.VALIDATION_VERDICTS, "qwen2.5-coder", "java", "passed"))
                .isEqualTo(1.0);
        assertThat(count(registry, MetricNames.VALIDATION_VERDICTS, "deepseek-chat", "python", "infrastructure"))
                .isEqualTo(1.0);
        assertThat(registry.find(MetricNames.VALIDATION_VERDICTS.name())
                        .tag(MetricNames.VERDICT, MetricNames.NONE)
                        .counter())
                .as("an attempt without a test has dollars but no verdict")
                .isNull();
        assertThat(count(registry, MetricNames.VALIDATION_COST, "deepseek-chat", "python", MetricNames.NONE))
                .isEqualTo(0.00007);
        assertThat(count(registry, MetricNames.VALIDATION_COST, "deepseek-chat", "java", "build_failed"))
                .isEqualTo(0.0003);
        assertThat(MetricNames.violations(registry.scrape())).isEmpty();
    }

    private static double count(
            io.micrometer.core.instrument.MeterRegistry registry,
            MetricNames.Meter meter,
            String model,
            String language,
            String verdict) {
        return registry.get(meter.name())
                .tag(MetricNames.MODEL, model)
                .tag(MetricNames.LANGUAGE, language)
                .tag(MetricNames.VERDICT, verdict)
                .counter()
                .count();
    }
}
