package dev.nightshift.ingest.filter;

/**
 * Tells binary from text by content, not by extension (as git does): a NUL byte in the first
 * {@link #SNIFF_BYTES} bytes, or too many control characters, means binary. UTF-16 text with a byte-order
 * mark counts as binary too — we send UTF-8 only.
 */
public final class BinaryContent {
    /** How much of a file is looked at; git looks at the first 8000 bytes. */
    public static final int SNIFF_BYTES = 8000;

    private static final int MAX_CONTROL_PERCENT = 10;

    private BinaryContent() {}

    public static boolean isBinary(byte[] prefix) {
        int length = Math.min(prefix.length, SNIFF_BYTES);
        if (length == 0) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = prefix[i] & 0xff;
            if (b == 0) {
                return true;
            }
            // Tab, line feed, form feed, carriage return and escape appear in ordinary text.
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\f' && b != '\r' && b != 0x1b && b != 0x08) {
                control++;
            }
        }
        return control * 100 > length * MAX_CONTROL_PERCENT;
    }
}
