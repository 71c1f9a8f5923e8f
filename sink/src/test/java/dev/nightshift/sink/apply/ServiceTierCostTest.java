package dev.nightshift.sink.apply;

import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger marks each attempt with the tier it was billed at, and a run's cost splits by tier. */
class ServiceTierCostTest {
    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private SinkQueries queries;

    @BeforeEach
    void open() {
        InstantSource clock = InstantSource.fixed(Fixtures.T0.plusSeconds(60));
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, clock);
        queries = new SinkQueries(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRunsCostSplitsIntoItsSynchronousAndItsBatchAttempts() {
        String run = newRunId();
        applier.apply(List.of(new Incoming.Plan(plan(run, "default", List.of("j1", "j2", "j3")))));
        AttemptResult sync = success(run, "j1", 1, "src/A.java", Usage.of(1_000, 0, 0, 500));
        AttemptResult batch1 = success(run, "j2", 1, "src/B.java", Usage.of(2_000, 0, 0, 700));
        AttemptResult batch2 = success(run, "j3", 1, "src/C.java", Usage.of(3_000, 0, 0, 900));

        applier.apply(List.of(
                new Incoming.Event(sync),
                new Incoming.Event(batch1.onTier(ServiceTier.BATCH)),
                new Incoming.Event(batch2.onTier(ServiceTier.BATCH))));

        CostReport byTier = new CostQueries(queries)
                .answer(new CostQuery(Dimension.TIER, run, null, null, null, null, null, null, null), null);
        assertThat(byTier.source()).isEqualTo("aggregates");
        assertThat(byTier.groups())
                .extracting(CostReport.Row::key, CostReport.Row::usd)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("standard", sync.cost()),
                        org.assertj.core.groups.Tuple.tuple(
                                "batch", batch1.cost().plus(batch2.cost())));
        List<LedgerEntry> entries = new ArrayList<>();
        queries.ledgerAll(null, entries::add);
        assertThat(entries)
                .extracting(LedgerEntry::jobId, LedgerEntry::serviceTier)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("j1", ServiceTier.STANDARD),
                        org.assertj.core.groups.Tuple.tuple("j2", ServiceTier.BATCH),
                        org.assertj.core.groups.Tuple.tuple("j3", ServiceTier.BATCH));
        LedgerEntry j2 =
                entries.stream().filter(e -> e.jobId().equals("j2")).findFirst().orElseThrow();
        assertThat(LedgerFormat.CSV.header().strip()).endsWith(",serviceTier");
        assertThat(LedgerFormat.CSV.line(j2).strip()).endsWith(",batch");
        assertThat(queries.status(run, null).cost().usd())
                .isEqualTo(Money.ZERO.plus(sync.cost()).plus(batch1.cost()).plus(batch2.cost()));
    }
}
