package dev.nightshift.sink.store;

/**
 * The binary form of one value type in the store. Its first byte, the format, is never {@code '{'}, so a
 * value written as JSON by an earlier version is still read as JSON.
 */
public abstract class BinaryCodec<T> {
    private final Class<T> type;
    private final byte format;

    protected BinaryCodec(Class<T> type, int format) {
        if (format == '{' || format < 0 || format > 0x7F) {
            throw new IllegalArgumentException("format byte " + format + " could be read as JSON");
        }
        this.type = type;
        this.format = (byte) format;
    }

    public final Class<T> type() {
        return type;
    }

    public final byte format() {
        return format;
    }

    /** A writer for one value, its format byte already written. */
    protected final BinaryOut out() {
        return new BinaryOut(format);
    }

    public abstract byte[] write(T value);

    /** Reads bytes that start with {@link #format()}; a value cut short is a {@link StoreException}. */
    public abstract T read(byte[] bytes);
}
