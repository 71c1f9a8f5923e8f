package dev.nightshift.bench.ledger;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.Percentiles;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.aggregate.Dimension;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bench/run ledger [entries=1000000] [batch=500]}: ledger entries through the sink's real
 * write path beside raw synced WriteBatch puts of the same bytes, batch by batch in turn so both see the
 * same load on a shared machine; then p50/p99 of cost queries grouped by model and by day over them.
 */
public final class LedgerBenchmark implements Benchmark {
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public String description() {
        return "[entries=1000000] [batch=500] sink write path vs raw RocksDB WriteBatch; cost query p50/p99";
    }

    @Override
    public void run(String[] args) throws Exception {
        BenchArgs parsed = new BenchArgs(name(), args);
        int entries = parsed.positiveInt(0, "entries", 1_000_000);
        int batchSize = parsed.positiveInt(1, "batch", 500);
        try (ScratchDir dir = new ScratchDir("nightshift-bench-ledger")) {
            measure(dir, entries, batchSize).print();
        }
    }

    private Figures measure(ScratchDir dir, int entries, int batchSize) throws Exception {
        long rawNanos = 0;
        long sinkNanos = 0;
        Instant recordedAt = Instant.now();
        try (SinkStore raw = SinkStore.open(dir.resolve("raw"));
                SinkStore sink = SinkStore.open(dir.resolve("sink"))) {
            BatchApplier applier = new BatchApplier(sink, InstantSource.system());
            SyntheticAttempts attempts = new SyntheticAttempts(entries);
            long wall = System.nanoTime();
            while (attempts.hasNext()) {
                List<AttemptResult> batch = attempts.nextBatch(batchSize);
                rawNanos += LedgerWriters.rawNanos(raw, batch, recordedAt);
                sinkNanos += LedgerWriters.sinkNanos(applier, batch);
            }
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double rawPerSecond = entries / (rawNanos / 1e9);
            double sinkPerSecond = entries / (sinkNanos / 1e9);

            CostQueryLatency latency =
                    new CostQueryLatency(new CostQueries(new SinkQueries(sink, InstantSource.system())));
            long[] byModel = latency.nanos(CostQueryLatency.overEverything(Dimension.MODEL), WARM_UP, MEASURED);
            long[] byDay = latency.nanos(CostQueryLatency.overEverything(Dimension.DAY), WARM_UP, MEASURED);
            Percentiles both = new Percentiles(concat(byModel, byDay));
            Percentiles scan = new Percentiles(latency.nanos(
                    CostQueryLatency.scanOfOneRun(Dimension.MODEL, SyntheticAttempts.runId(SyntheticAttempts.RUNS / 2)),
                    5,
                    50));

            return new Figures(name())
                    .add("entries", "entries", entries)
                    .add("batch", "entries per WriteBatch", batchSize)
                    .add("rawEntriesPerSecond", "raw WriteBatch puts / s (baseline)", rawPerSecond)
                    .add("entriesPerSecond", "sink write path entries / s", sinkPerSecond)
                    .add("ratio", "ratio sink / raw (goal >= 0.5)", sinkPerSecond / rawPerSecond)
                    .add("queryP50Ms", "cost by model|day p50 ms", both.millisAt(50))
                    .add("queryP99Ms", "cost by model|day p99 ms (goal < 50)", both.millisAt(99))
                    .add("queryByModelP99Ms", "cost by model p99 ms", new Percentiles(byModel).millisAt(99))
                    .add("queryByDayP99Ms", "cost by day p99 ms", new Percentiles(byDay).millisAt(99))
                    .add("scanQueryP50Ms", "one run, task filter (ledger scan) p50 ms", scan.millisAt(50))
                    .add("scanQueryP99Ms", "one run, task filter (ledger scan) p99 ms", scan.millisAt(99))
                    .add("wallSeconds", "wall time of both write passes s", wallSeconds);
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
