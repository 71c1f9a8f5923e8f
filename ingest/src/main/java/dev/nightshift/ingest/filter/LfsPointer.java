package dev.nightshift.ingest.filter;

import java.nio.charset.StandardCharsets;

/** A Git LFS pointer file: the real content lives on an LFS server, which a run does not fetch. */
public final class LfsPointer {
    private static final byte[] HEADER = "version https://git-lfs.github.com/spec/".getBytes(StandardCharsets.US_ASCII);
    /** The LFS spec caps pointer files at 1024 bytes. */
    private static final long MAX_POINTER_BYTES = 1024;

    private LfsPointer() {}

    public static boolean isPointer(long size, byte[] prefix) {
        if (size > MAX_POINTER_BYTES || prefix.length < HEADER.length) {
            return false;
        }
        for (int i = 0; i < HEADER.length; i++) {
            if (prefix[i] != HEADER[i]) {
                return false;
            }
        }
        return true;
    }
}
