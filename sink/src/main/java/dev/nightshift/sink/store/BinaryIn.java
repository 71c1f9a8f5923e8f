package dev.nightshift.sink.store;

import dev.nightshift.core.money.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link BinaryOut} wrote, in the same order; a value cut short is a {@link StoreException}. */
public final class BinaryIn {
    private final byte[] buf;
    private final String what;
    private int pos;

    /** Starts after the format byte. */
    public BinaryIn(byte[] buf, String what) {
        this.buf = buf;
        this.what = what;
        this.pos = 1;
    }

    /** The value's format byte: which version of its codec wrote it. */
    public byte format() {
        return buf[0];
    }

    public boolean bool() {
        return raw() != 0;
    }

    public long varLong() {
        long z = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) {
                throw corrupt();
            }
            int b = raw();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return (z >>> 1) ^ -(z & 1);
    }

    public int varInt() {
        return Math.toIntExact(varLong());
    }

    public Long nullableLong() {
        return bool() ? varLong() : null;
    }

    public Integer nullableInt() {
        return bool() ? varInt() : null;
    }

    public String string() {
        int n = varInt();
        if (n < 0) {
            return null;
        }
        if (pos + n > buf.length) {
            throw corrupt();
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public <E extends Enum<E>> E enumName(Class<E> type) {
        String name = string();
        return name == null ? null : Enum.valueOf(type, name);
    }

    public Instant instant() {
        if (!bool()) {
            return null;
        }
        long seconds = varLong();
        return Instant.ofEpochSecond(seconds, varLong());
    }

    public Money money() {
        if (!bool()) {
            return null;
        }
        int scale = varInt();
        if (bool()) {
            return Money.usd(BigDecimal.valueOf(varLong(), scale));
        }
        int n = varInt();
        if (n <= 0 || pos + n > buf.length) {
            throw corrupt();
        }
        BigInteger unscaled = new BigInteger(buf, pos, n);
        pos += n;
        return Money.usd(new BigDecimal(unscaled, scale));
    }

    private int raw() {
        if (pos >= buf.length) {
            throw corrupt();
        }
        return buf[pos++] & 0xFF;
    }

    private StoreException corrupt() {
        return new StoreException("stored " + what + " is cut short or corrupt at byte " + pos, null);
    }
}
