package dev.nightshift.sink.store;

import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sinkapi.run.RunState;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/** Reading the store while another instance holds it open for writing, as the CLI does during a run. */
class SecondaryStoreTest {
    private final InstantSource clock = InstantSource.fixed(Fixtures.T0.plusSeconds(60));

    @TempDir
    Path dir;

    @Test
    void aSecondInstanceReadsWhatTheWriterMadeDurableAndCatchesUpWithLaterBatches() {
        String run = newRunId();
        try (SinkStore writer = SinkStore.open(dir)) {
            BatchApplier applier = new BatchApplier(writer, clock);
            applier.apply(List.of(
                    new Incoming.Plan(plan(run, "default", List.of("j1", "j2"))),
                    new Incoming.Event(success(run, "j1", 1, "a.py", Usage.of(100, 0, 0, 10)))));

            // When a second instance opens the store the writer still holds
            try (SinkStore reader = SinkStore.openSecondary(dir)) {
                SinkQueries queries = new SinkQueries(reader, clock);

                // Then it sees the first batch whole
                assertThat(queries.status(run, null).state()).isEqualTo(RunState.RUNNING);
                assertThat(queries.total(AggregateScope.run(run)).attempts()).isEqualTo(1);

                // and, after catching up, the writer's next batch
                applier.apply(List.of(new Incoming.Event(success(run, "j2", 1, "b.py", Usage.of(100, 0, 0, 10)))));
                reader.catchUp();
                assertThat(queries.status(run, null).state()).isEqualTo(RunState.COMPLETED);
                assertThat(queries.total(AggregateScope.run(run)).attempts()).isEqualTo(2);
            }
        }
    }

    @Test
    void aSecondInstanceRefusesToWrite() {
        try (SinkStore writer = SinkStore.open(dir);
                SinkStore reader = SinkStore.openSecondary(dir);
                WriteBatch batch = new WriteBatch()) {
            assertThatThrownBy(() -> reader.write(batch))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("reading only");
        }
    }
}
