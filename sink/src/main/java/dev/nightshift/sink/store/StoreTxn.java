package dev.nightshift.sink.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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
    private static final byte[] ABSENT = new byte[0];
    private final SinkStore store;
    private final Map<Cf, Map<StagedKey, Object>> pending = new EnumMap<>(Cf.class);
    private final Map<Cf, Map<StagedKey, byte[]>> fetched = new EnumMap<>(Cf.class);
    private final Map<Cf, KnownValues<?>> known;
    private final ValueCodec codec;

    /** @param codec encodes the values staged as objects, and decodes what {@link #get(Cf, byte[], Class)} reads */
    public StoreTxn(SinkStore store, ValueCodec codec) {
        this(store, Map.of(), codec);
    }

    /** With the writer's {@link KnownValues} of some column families: read before the store, kept up to date. */
    public StoreTxn(SinkStore store, Map<Cf, KnownValues<?>> known, ValueCodec codec) {
        this.store = store;
        this.known = known;
        this.codec = codec;
    }

    public byte[] get(Cf cf, byte[] key) {
        Object mine = staged(cf, new StagedKey(key));
        if (mine != null) {
            return mine instanceof byte[] b ? b : codec.write(mine);
        }
        return stored(cf, key);
    }

    public <T> T get(Cf cf, byte[] key, Class<T> type) {
        StagedKey k = new StagedKey(key);
        Object mine = staged(cf, k);
        if (mine == null) {
            mine = known(cf, k);
        }
        if (type.isInstance(mine)) {
            return type.cast(mine);
        }
        return codec.read(mine instanceof byte[] b ? b : stored(cf, key), type);
    }

    /**
     * Reads these keys from the store in one multi-get, so that the {@link #get} of each that follows needs no
     * round trip of its own (a poll of 500 results would otherwise read 500 job records one by one).
     */
    public void prefetch(Cf cf, List<byte[]> keys) {
        Map<StagedKey, byte[]> have = fetched.computeIfAbsent(cf, c -> new HashMap<>(keys.size() * 2));
        List<byte[]> missing = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            StagedKey k = new StagedKey(key);
            if (staged(cf, k) == null && known(cf, k) == null && !have.containsKey(k)) {
                have.put(k, ABSENT);
                missing.add(key);
            }
        }
        List<byte[]> values = store.multiGet(cf, missing);
        for (int i = 0; i < missing.size(); i++) {
            if (values.get(i) != null) {
                have.put(new StagedKey(missing.get(i)), values.get(i));
            }
        }
    }

    /** Stages raw bytes, or an object to be encoded at commit. */
    public void put(Cf cf, byte[] key, Object value) {
        pending.computeIfAbsent(cf, c -> new HashMap<>(1024)).put(new StagedKey(key), value);
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
            for (Map.Entry<Cf, Map<StagedKey, Object>> byCf : pending.entrySet()) {
                var handle = store.handle(byCf.getKey());
                for (Map.Entry<StagedKey, Object> e : byCf.getValue().entrySet()) {
                    Object v = e.getValue();
                    batch.put(handle, e.getKey().bytes(), v instanceof byte[] b ? b : codec.write(v));
                }
            }
            store.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot stage a write batch: " + e.getMessage(), e);
        }
        known.forEach((cf, values) -> pending.getOrDefault(cf, Map.of()).forEach(values::remember));
    }

    @Override
    public void close() {
        pending.clear();
        fetched.clear();
    }

    private Object staged(Cf cf, StagedKey key) {
        Map<StagedKey, Object> m = pending.get(cf);
        return m == null ? null : m.get(key);
    }

    private Object known(Cf cf, StagedKey key) {
        KnownValues<?> values = known.get(cf);
        return values == null ? null : values.get(key);
    }

    private byte[] stored(Cf cf, byte[] key) {
        Map<StagedKey, byte[]> have = fetched.get(cf);
        byte[] v = have == null ? null : have.get(new StagedKey(key));
        if (v == null) {
            return store.get(cf, key);
        }
        return v == ABSENT ? null : v;
    }
}
