package dev.nightshift.sink.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values of one column family as the sink's single writer last wrote them, least recently used dropped
 * first, so that a record touched by batch after batch (a run, an aggregate) is not read and decoded from the
 * store every time. Only durable values go in: {@link StoreTxn#commit()} remembers what it staged once the
 * batch is written, so a failed batch leaves nothing stale. Anything not held here is read from the store.
 * Not thread-safe: owned by the writer.
 */
public final class KnownValues<T> {
    private final Class<T> type;
    private final Map<StagedKey, T> values;

    public KnownValues(Class<T> type, int capacity) {
        this.type = type;
        this.values = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<StagedKey, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The durable value of this key, or {@code null} when not held here (ask the store). */
    T get(StagedKey key) {
        return values.get(key);
    }

    void remember(StagedKey key, Object value) {
        if (type.isInstance(value)) {
            values.put(key, type.cast(value));
        } else {
            values.remove(key);
        }
    }
}
