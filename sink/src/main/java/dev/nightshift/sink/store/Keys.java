package dev.nightshift.sink.store;

import java.nio.charset.StandardCharsets;

/**
 * Store keys: UTF-8 parts joined by NUL, so that a prefix of parts is a scannable key prefix and no id
 * can run into its neighbour. Attempts are zero-padded so that they sort numerically.
 */
public final class Keys {
    private static final char SEP = '\u0000';

    private Keys() {
    }

    public static byte[] of(String... parts) {
        return join(parts).getBytes(StandardCharsets.UTF_8);
    }

    /** The prefix that every key starting with these parts shares (ends with the separator). */
    public static byte[] prefix(String... parts) {
        return (join(parts) + SEP).getBytes(StandardCharsets.UTF_8);
    }

    public static String attempt(int attempt) {
        return String.format("%06d", attempt);
    }

    public static String[] split(byte[] key) {
        return new String(key, StandardCharsets.UTF_8).split(String.valueOf(SEP), -1);
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("a key part cannot contain NUL");
            }
            if (i > 0) {
                b.append(SEP);
            }
            b.append(parts[i]);
        }
        return b.toString();
    }
}
