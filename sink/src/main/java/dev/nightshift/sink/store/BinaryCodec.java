package dev.nightshift.sink.store;

/**
 * The binary form of one value type in the store. Its first byte, the format, is never <code>'{'</code>, so a
 * value written as JSON by an earlier version is still read as JSON.
 *
 * <p>Versioned: a codec writes its current format and reads that one and every earlier format of its type
 * ({@code legacyFormats}), so values stored before a field was added still read (the new fields absent).
 * A new version takes a new format byte; an old one is never reused.
 */
public abstract class BinaryCodec<T> {
    private final Class<T> type;
    private final byte format;
    private final byte[] legacyFormats;

    protected BinaryCodec(Class<T> type, int format, int... legacyFormats) {
        check(format);
        byte[] legacy = new byte[legacyFormats.length];
        for (int i = 0; i < legacyFormats.length; i++) {
            check(legacyFormats[i]);
            if (legacyFormats[i] == format) {
                throw new IllegalArgumentException("format byte " + format + " is both current and legacy");
            }
            legacy[i] = (byte) legacyFormats[i];
        }
        this.type = type;
        this.format = (byte) format;
        this.legacyFormats = legacy;
    }

    private static void check(int format) {
        if (format == '{' || format < 0 || format > 0x7F) {
            throw new IllegalArgumentException("format byte " + format + " could be read as JSON");
        }
    }

    public final Class<T> type() {
        return type;
    }

    /** The format this codec writes. */
    public final byte format() {
        return format;
    }

    /** Whether {@link #read} understands a value whose first byte is {@code f}: the current or an earlier format. */
    public final boolean reads(byte f) {
        if (f == format) {
            return true;
        }
        for (byte legacy : legacyFormats) {
            if (legacy == f) {
                return true;
            }
        }
        return false;
    }

    /** A writer for one value, its format byte already written. */
    protected final BinaryOut out() {
        return new BinaryOut(format);
    }

    public abstract byte[] write(T value);

    /**
     * Reads bytes that start with {@link #format()} or one of the legacy formats; a value cut short is a
     * {@link StoreException}.
     */
    public abstract T read(byte[] bytes);
}
