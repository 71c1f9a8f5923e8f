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

            BatchApplier.Applied applied = applier.apply(List.of(new Incoming.Plan(plan(run, "acme", List.of("j1", "j2"))),
                    new Incoming.Result(billedFailure(run, "j1", 1, "a.py", Usage.of(5, 0, 0, 1), false)),
                    new Incoming.Result(success(run, "j1", 2, "a.py", Usage.of(5, 0, 0, 1))),
                    new Incoming.Result(success(run, "j2", 1, "b.py", Usage.of(5, 0, 0, 1)))));
            applied.emit(events, r -> queries.status(r, null));

            assertThat(registry.get(MetricNames.JOBS.name()).tag(MetricNames.STATE, "succeeded").counter().count()).isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_JOBS_DONE.name()).tag(MetricNames.RUN, run)
                    .tag(MetricNames.STATE, "succeeded").gauge().value()).isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_JOBS_PLANNED.name()).tag(MetricNames.RUN, run).gauge().value()).isEqualTo(2);
            assertThat(registry.get(MetricNames.RUN_FAILURES.name()).tag(MetricNames.FAILURE_CLASS, "invalid_output")
                    .gauge().value()).isEqualTo(1);

            now.set(now.get().plusSeconds(MetricNames.RUN_GAUGE_GRACE_MINUTES * 60L + 120));
            events.runProgress(queries.status(run, null));
            String other = newRunId();
            applier.apply(List.of(new Incoming.Plan(plan(other, "acme", List.of("x"))))).runs()
                    .forEach(r -> events.runProgress(queries.status(r, null)));

            assertThat(registry.find(MetricNames.RUN_JOBS_PLANNED.name()).tag(MetricNames.RUN, run).gauge()).isNull();
            assertThat(registry.find(MetricNames.RUN_JOBS_PLANNED.name()).tag(MetricNames.RUN, other).gauge()).isNotNull();
        }
    }
}
