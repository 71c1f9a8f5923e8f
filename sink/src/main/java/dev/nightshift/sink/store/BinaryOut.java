package dev.nightshift.sink.store;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes the compact binary form of the values written once per result (ledger entries, job records):
 * encoding them as JSON cost more than the RocksDB write itself. Every field is nullable and says so with a
 * leading flag; money keeps its exact unscaled value and scale; enums are written by name so that
 * reordering an enum never changes what a stored value means.
 */
public final class BinaryOut {
    private byte[] buf;
    private int size;

    BinaryOut(byte format) {
        buf = new byte[256];
        buf[0] = format;
        size = 1;
    }

    public BinaryOut bool(boolean v) {
        return raw(v ? 1 : 0);
    }

    /** Unsigned LEB128 of a zig-zagged long: small values of either sign take one or two bytes. */
    public BinaryOut varLong(long v) {
        ensure(10);
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            buf[size++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[size++] = (byte) z;
        return this;
    }

    public BinaryOut nullableLong(Long v) {
        bool(v != null);
        return v == null ? this : varLong(v);
    }

    public BinaryOut nullableInt(Integer v) {
        bool(v != null);
        return v == null ? this : varLong(v);
    }

    public BinaryOut string(String s) {
        if (s == null) {
            return varLong(-1);
        }
        int n = s.length();
        if (n < 64) {
            // the usual case (ids, paths, model names): ASCII copied char by char, no intermediate array
            ensure(n + 1);
            int start = size;
            buf[size++] = (byte) (n << 1);
            int i = 0;
            while (i < n && s.charAt(i) < 0x80) {
                buf[size++] = (byte) s.charAt(i++);
            }
            if (i == n) {
                return this;
            }
            size = start;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varLong(b.length);
        return bytes(b);
    }

    public BinaryOut enumName(Enum<?> e) {
        return string(e == null ? null : e.name());
    }

    public BinaryOut instant(Instant t) {
        bool(t != null);
        return t == null ? this : varLong(t.getEpochSecond()).varLong(t.getNano());
    }

    public BinaryOut money(Money m) {
        bool(m != null);
        if (m == null) {
            return this;
        }
        BigDecimal d = m.toBigDecimal();
        varLong(d.scale());
        if (d.unscaledValue().bitLength() < 63) {
            return bool(true).varLong(d.unscaledValue().longValueExact());
        }
        byte[] big = d.unscaledValue().toByteArray();
        bool(false).varLong(big.length);
        return bytes(big);
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    private BinaryOut bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    private BinaryOut raw(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
