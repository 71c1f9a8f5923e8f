package dev.nightshift.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.aggregate.AggregateScope;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose writer was killed with SIGKILL mid-stream reopens consistent: whole batches or none. */
class CrashConsistencyIT {
    @TempDir
    Path dir;

    @Test
    void aStoreReopenedAfterKillMinus9HoldsWholeBatchesAndMatchingAggregates() throws Exception {
        String run = Fixtures.newRunId();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(),
                        run)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicInteger committed = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("committed ")) {
                        committed.set(Integer.parseInt(line.substring(10).trim()));
                    }
                }
            } catch (java.io.IOException e) {
                // the child died: that is the point
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> committed.get() >= 8 || !child.isAlive());
        assertThat(child.isAlive()).as("the writer runs until killed").isTrue();

        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
        child.waitFor();
        reader.join(10_000);
        int acknowledged = committed.get();

        try (SinkStore store = SinkStore.open(dir)) {
            SinkQueries queries = new SinkQueries(store, InstantSource.system());
            List<LedgerEntry> entries = new ArrayList<>();
            queries.ledger(run, null, entries::add);
            assertThat(entries.size() % CrashWriter.BATCH)
                    .as("only whole batches")
                    .isZero();
            assertThat(entries.size() / CrashWriter.BATCH)
                    .as("every acknowledged batch survived")
                    .isGreaterThanOrEqualTo(acknowledged);
            Aggregate sum = entries.stream().map(Aggregate::of).reduce(Aggregate.EMPTY, Aggregate::plus);
            assertThat(queries.total(AggregateScope.run(run))).isEqualTo(sum);
            List<JobRecord> jobs = queries.jobs(run);
            assertThat(jobs).hasSize(entries.size());
            assertThat(queries.artifacts(run, null)).hasSize(entries.size());
            assertThat(queries.run(run).orElseThrow().attempts()).isEqualTo(entries.size());
        }
    }
}
