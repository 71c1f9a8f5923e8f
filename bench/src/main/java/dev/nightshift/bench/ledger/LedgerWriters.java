package dev.nightshift.bench.ledger;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The two ways one batch of attempts is written, each timed only around the write itself (generating
 * the attempts and, for the baseline, encoding the entries is outside the clock): the sink's real
 * write path, and raw synced WriteBatch puts of the same ledger bytes under the same keys, into a store
 * opened with the same options. The baseline writes only those ledger puts; the sink, within its clock,
 * also builds and encodes each entry, reads the batch's job records (one multi-get), writes a job record per
 * result, and the run record and every touched aggregate (about 55 for 500 results) once per batch.
 */
final class LedgerWriters {
    private LedgerWriters() {}

    /** Through {@link BatchApplier}: idempotence check, ledger entry, job state, run counts, aggregates. */
    static long sinkNanos(BatchApplier applier, List<AttemptResult> results) {
        List<Incoming> batch = new ArrayList<>(results.size());
        results.forEach(r -> batch.add(new Incoming.Event(r)));
        long t = System.nanoTime();
        applier.apply(batch);
        return System.nanoTime() - t;
    }

    /** One synced WriteBatch of ledger puts: exactly the bytes {@link Stored} writes for those entries. */
    static long rawNanos(SinkStore store, List<AttemptResult> results, Instant recordedAt) throws RocksDBException {
        List<byte[]> keys = new ArrayList<>(results.size());
        List<byte[]> values = new ArrayList<>(results.size());
        for (AttemptResult r : results) {
            keys.add(StoreKeys.ledger(r.runId(), r.jobId(), r.attempt()));
            values.add(Stored.write(LedgerEntry.from(r, recordedAt)));
        }
        long t = System.nanoTime();
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < keys.size(); i++) {
                batch.put(store.handle(Cf.LEDGER), keys.get(i), values.get(i));
            }
            store.write(batch);
        }
        return System.nanoTime() - t;
    }
}
