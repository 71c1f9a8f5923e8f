package dev.nightshift.sink.store;

/**
 * How a {@link StoreTxn} turns a value staged as an object into the bytes the store keeps, and stored bytes back
 * into a value. The store itself knows no value types; the sink's codec is {@code dev.nightshift.sink.codec.Stored}.
 */
public interface ValueCodec {
    byte[] write(Object value);

    /** The value of these bytes as {@code type}; {@code null} for {@code null} bytes. */
    <T> T read(byte[] bytes, Class<T> type);
}
