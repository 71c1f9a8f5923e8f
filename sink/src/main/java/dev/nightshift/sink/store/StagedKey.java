package dev.nightshift.sink.store;

import java.util.Arrays;

/** A store key as a map key: compared by content, its hash computed once (a batch looks each key up often). */
final class StagedKey {
    private final byte[] bytes;
    private final int hash;

    StagedKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StagedKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
