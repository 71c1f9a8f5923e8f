package dev.nightshift.sink.query;

import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkQueriesTest {
    @TempDir
    Path dir;

    @Test
    void theLedgerIsReadPageByPageWithoutLosingOrRepeatingAnEntry() {
        try (SinkStore store = SinkStore.open(dir)) {
            String run = newRunId();
            String neighbour = run + "0";
            List<Incoming> results = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                results.add(new Incoming.Event(success(run, "j" + i, 1, "f" + i + ".py", Usage.of(1, 0, 0, 1))));
            }
            results.add(new Incoming.Event(success(neighbour, "j0", 1, "other.py", Usage.of(1, 0, 0, 1))));
            new BatchApplier(store, InstantSource.system()).apply(results);
            SinkQueries queries = new SinkQueries(store, InstantSource.system());

            List<String> seen = new ArrayList<>();
            int pages = 0;
            byte[] from = null;
            do {
                SinkQueries.LedgerPage page = queries.ledgerPage(run, from, 3);
                page.entries().stream().map(LedgerEntry::jobId).forEach(seen::add);
                from = page.next();
                pages++;
            } while (from != null);

            assertThat(seen).containsExactly("j0", "j1", "j2", "j3", "j4", "j5", "j6");
            assertThat(pages).isEqualTo(3);
        }
    }

    @Test
    void anotherTenantsRunIsNotFound() {
        try (SinkStore store = SinkStore.open(dir)) {
            String run = newRunId();
            new BatchApplier(store, InstantSource.system())
                    .apply(List.of(new Incoming.Event(success(run, "j", 1, "a.py", Usage.of(1, 0, 0, 1)))));
            SinkQueries queries = new SinkQueries(store, InstantSource.system());

            assertThat(queries.status(run, "default").runId()).isEqualTo(run);
            assertThatThrownBy(() -> queries.status(run, "globex"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no run '" + run + "'");
        }
    }
}
