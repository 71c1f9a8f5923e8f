package dev.nightshift.sink.store;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * One atomic write: puts collect in a {@link WriteBatch}, and reads see this transaction's own puts
 * first, so that several records can be applied in one batch as if each had been written alone.
 * Not thread-safe; the sink has one writer.
 */
public final class StoreTxn implements AutoCloseable {
    private final SinkStore store;
    private final WriteBatch batch = new WriteBatch();
    private final Map<Cf, Map<ByteBuffer, byte[]>> pending = new HashMap<>();
    private int puts;

    public StoreTxn(SinkStore store) {
        this.store = store;
    }

    public byte[] get(Cf cf, byte[] key) {
        byte[] mine = pending.getOrDefault(cf, Map.of()).get(ByteBuffer.wrap(key));
        return mine != null ? mine : store.get(cf, key);
    }

    public <T> T get(Cf cf, byte[] key, Class<T> type) {
        return Stored.read(get(cf, key), type);
    }

    public void put(Cf cf, byte[] key, byte[] value) {
        try {
            batch.put(store.handle(cf), key, value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot stage a write to " + cf.familyName() + ": " + e.getMessage(), e);
        }
        pending.computeIfAbsent(cf, c -> new HashMap<>()).put(ByteBuffer.wrap(key), value);
        puts++;
    }

    public void put(Cf cf, byte[] key, Object value) {
        put(cf, key, Stored.write(value));
    }

    public int puts() {
        return puts;
    }

    /** Writes every put at once, durably; nothing of it is visible in the store before. */
    public void commit() {
        if (puts > 0) {
            store.write(batch);
        }
    }

    @Override
    public void close() {
        batch.close();
    }
}
