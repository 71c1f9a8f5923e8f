package dev.nightshift.sink.store;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One atomic write. Puts are staged in memory, and reads see this transaction's own puts first, so several
 * records can be applied in one batch as if each had been written alone. Only the last value of a key
 * reaches the {@link WriteBatch} at {@link #commit()}: a run record or an aggregate touched by every result
 * of a poll is encoded and written once, not once per result. Values may be staged as objects and are
 * encoded at commit. Not thread-safe; the sink has one writer.
 */
public final class StoreTxn implements AutoCloseable {
    private final SinkStore store;
    private final Map<Cf, Map<ByteBuffer, Object>> pending = new EnumMap<>(Cf.class);

    public StoreTxn(SinkStore store) {
        this.store = store;
    }

    public byte[] get(Cf cf, byte[] key) {
        Object mine = staged(cf, key);
        if (mine != null) {
            return mine instanceof byte[] b ? b : Stored.write(mine);
        }
        return store.get(cf, key);
    }

    public <T> T get(Cf cf, byte[] key, Class<T> type) {
        Object mine = staged(cf, key);
        if (type.isInstance(mine)) {
            return type.cast(mine);
        }
        return Stored.read(mine instanceof byte[] b ? b : store.get(cf, key), type);
    }

    /** Stages raw bytes, or an object to be encoded as JSON at commit. */
    public void put(Cf cf, byte[] key, Object value) {
        pending.computeIfAbsent(cf, c -> new LinkedHashMap<>()).put(ByteBuffer.wrap(key), value);
    }

    /** Distinct keys staged so far. */
    public int puts() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    /** Writes every staged key at once, durably; nothing of it is visible in the store before. */
    public void commit() {
        if (pending.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<Cf, Map<ByteBuffer, Object>> byCf : pending.entrySet()) {
                var handle = store.handle(byCf.getKey());
                for (Map.Entry<ByteBuffer, Object> e : byCf.getValue().entrySet()) {
                    Object v = e.getValue();
                    batch.put(handle, e.getKey().array(), v instanceof byte[] b ? b : Stored.write(v));
                }
            }
            store.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot stage a write batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pending.clear();
    }

    private Object staged(Cf cf, byte[] key) {
        Map<ByteBuffer, Object> m = pending.get(cf);
        return m == null ? null : m.get(ByteBuffer.wrap(key));
    }
}
