package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The last bytes a process wrote: a ring buffer that keeps a bounded tail of an unbounded stream. */
final class OutputTail {
    static final int DEFAULT_CAPACITY = 64 * 1024;

    private final byte[] ring;
    private long written;

    OutputTail(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % ring.length)] = bytes[offset + i];
        }
    }

    /** Copies the stream into the tail until it ends or fails (a killed process closes its pipe). */
    void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                write(chunk, 0, n);
            }
        } catch (IOException closed) {
            // the process is gone; what it wrote so far is kept
        }
    }

    /** The kept tail as text; when bytes were dropped, it starts with a line that says how many. */
    synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] tail = new byte[kept];
        int start = (int) ((written - kept) % ring.length);
        for (int i = 0; i < kept; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        String text = new String(tail, StandardCharsets.UTF_8);
        long dropped = written - kept;
        return dropped == 0 ? text : "[... " + dropped + " earlier bytes dropped ...]\n" + text;
    }
}
