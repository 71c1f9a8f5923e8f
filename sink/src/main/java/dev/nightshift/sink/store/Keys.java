package dev.nightshift.sink.store;

import java.nio.charset.StandardCharsets;

/**
 * Store keys: UTF-8 parts joined by NUL, so that a prefix of parts is a scannable key prefix and no id
 * can run into its neighbour. Attempts are zero-padded so that they sort numerically.
 */
public final class Keys {
    private static final char SEP = '\u0000';

    private Keys() {}

    public static byte[] of(String... parts) {
        int length = parts.length - 1;
        for (String part : parts) {
            length += part.length();
        }
        // ASCII (the usual case) is copied char by char; anything else goes through UTF-8 encoding.
        byte[] key = new byte[Math.max(0, length)];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                key[at++] = 0;
            }
            String part = parts[i];
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                if (ch == SEP) {
                    throw new IllegalArgumentException("a key part cannot contain NUL");
                }
                if (ch >= 0x80) {
                    return join(parts).getBytes(StandardCharsets.UTF_8);
                }
                key[at++] = (byte) ch;
            }
        }
        return key;
    }

    /** The prefix that every key starting with these parts shares (ends with the separator). */
    public static byte[] prefix(String... parts) {
        return (join(parts) + SEP).getBytes(StandardCharsets.UTF_8);
    }

    /** Six digits, zero-padded (String.format was a tenth of the write path's time). */
    public static String attempt(int attempt) {
        if (attempt < 0 || attempt > 999_999) {
            return String.format("%06d", attempt);
        }
        String digits = Integer.toString(attempt);
        return "000000".substring(digits.length()) + digits;
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
