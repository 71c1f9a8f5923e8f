package dev.nightshift.sink.bench;

import dev.nightshift.core.attempt.AttemptResult;
import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.aggregate.Dimension;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.cost.CostQuery;
import dev.nightshift.sink.ledger.LedgerEntry;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sink.store.Stored;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The engine of {@code bench/run ledger} (issue 7): N ledger entries applied through the sink's real write
 * path ({@link BatchApplier}, one synced WriteBatch per poll-sized batch), beside raw RocksDB WriteBatch
 * puts of the same entries' bytes under the same keys in the same run; then the p50/p99 latency of cost
 * queries grouped by model and by day over those entries. Prints a table, then one JSON line.
 * Usage: {@code LedgerBench [entries=1000000] [batch=500] [dir]}.
 */
public final class LedgerBench {
    private static final String[] MODELS = {"gemini-1.5-flash", "deepseek-chat", "claude-3-5-haiku", "gpt-4o-mini",
            "qwen-2.5-coder", "mistral-tiny"};
    private static final Price PRICE = Price.of("0.35", "1.50");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("ledger-bench");
        List<AttemptResult> results = generate(entries);

        double raw = raw(dir.resolve("raw"), results, batchSize);
        double sink;
        long[] modelMs;
        long[] dayMs;
        try (SinkStore store = SinkStore.open(dir.resolve("sink"))) {
            BatchApplier applier = new BatchApplier(store, InstantSource.system());
            long t = System.nanoTime();
            for (int i = 0; i < results.size(); i += batchSize) {
                List<Incoming> batch = new ArrayList<>(batchSize);
                results.subList(i, Math.min(results.size(), i + batchSize)).forEach(r -> batch.add(new Incoming.Result(r)));
                applier.apply(batch);
            }
            sink = entries / ((System.nanoTime() - t) / 1e9);
            CostQueries cost = new CostQueries(new SinkQueries(store, InstantSource.system()));
            modelMs = latencies(() -> cost.answer(new CostQuery(Dimension.MODEL, null, null, null, null, null, null, null, null), null));
            dayMs = latencies(() -> cost.answer(new CostQuery(Dimension.DAY, null, null, null, null, null, null, null, null), null));
        }
        long[] all = concat(modelMs, dayMs);
        double p50 = percentile(all, 50) / 1e6;
        double p99 = percentile(all, 99) / 1e6;
        double ratio = sink / raw;
        System.out.printf(Locale.ROOT, "%-32s %14s%n", "measure", "value");
        System.out.printf(Locale.ROOT, "%-32s %14d%n", "entries", entries);
        System.out.printf(Locale.ROOT, "%-32s %14d%n", "batch (records per WriteBatch)", batchSize);
        System.out.printf(Locale.ROOT, "%-32s %14.0f%n", "raw WriteBatch puts / s", raw);
        System.out.printf(Locale.ROOT, "%-32s %14.0f%n", "sink write path entries / s", sink);
        System.out.printf(Locale.ROOT, "%-32s %14.3f  (goal >= 0.5)%n", "ratio sink / raw", ratio);
        System.out.printf(Locale.ROOT, "%-32s %14.3f%n", "cost query p50 ms", p50);
        System.out.printf(Locale.ROOT, "%-32s %14.3f  (goal < 50)%n", "cost query p99 ms", p99);
        System.out.printf(Locale.ROOT, "{\"benchmark\":\"ledger\",\"entries\":%d,\"batch\":%d,\"rawEntriesPerSecond\":%.0f,"
                        + "\"entriesPerSecond\":%.0f,\"ratio\":%.3f,\"queryP50Ms\":%.3f,\"queryP99Ms\":%.3f}%n",
                entries, batchSize, raw, sink, ratio, p50, p99);
        deleteTree(dir);
    }

    /**
     * Billed attempts as they arrive in production: 100 runs one after another (3 tenants, 10 repositories),
     * spread over 30 days in time order, each run's jobs on 6 models and both tasks; every entry distinct,
     * none carrying an artifact (the ledger is what is measured).
     */
    static List<AttemptResult> generate(int n) {
        Random random = new Random(7);
        List<AttemptResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int runNo = (int) ((long) i * 100 / n);
            String run = "r-bench-" + runNo;
            String model = MODELS[random.nextInt(MODELS.length)];
            Usage usage = Usage.of(500 + random.nextInt(20_000), random.nextInt(2_000), 0, 100 + random.nextInt(4_000));
            Instant at = T0.plusSeconds((long) i * 30 * 86_400 / n);
            boolean ok = random.nextInt(10) > 0;
            out.add(new AttemptResult(run, "j-" + i, 1 + random.nextInt(2), "tenant-" + (runNo % 3), "/repos/r" + (runNo % 10),
                    "c0ffee", i % 2 == 0 ? TaskType.DOCS : TaskType.TESTS, "src/f" + i + ".py", "python", "p" + (i % 6),
                    model, "rule", ok ? Outcome.SUCCEEDED : Outcome.FAILED, ok ? null : FailureClass.INVALID_OUTPUT,
                    ok ? null : "no code block", usage, PRICE.cost(usage), "prices-1", 900, at, at.plusMillis(900), "stop",
                    null, true, false));
        }
        return out;
    }

    private static double raw(Path dir, List<AttemptResult> results, int batchSize) throws RocksDBException {
        Instant now = Instant.now();
        List<byte[]> values = results.stream().map(r -> Stored.write(LedgerEntry.from(r, now))).toList();
        try (SinkStore store = SinkStore.open(dir)) {
            long t = System.nanoTime();
            for (int i = 0; i < results.size(); i += batchSize) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int j = i; j < Math.min(results.size(), i + batchSize); j++) {
                        AttemptResult r = results.get(j);
                        batch.put(store.handle(Cf.LEDGER), StoreKeys.ledger(r.runId(), r.jobId(), r.attempt()), values.get(j));
                    }
                    store.write(batch);
                }
            }
            return results.size() / ((System.nanoTime() - t) / 1e9);
        }
    }

    private static long[] latencies(Supplier<?> query) {
        for (int i = 0; i < 50; i++) {
            query.get();
        }
        long[] ns = new long[200];
        for (int i = 0; i < ns.length; i++) {
            long t = System.nanoTime();
            query.get();
            ns[i] = System.nanoTime() - t;
        }
        return ns;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
