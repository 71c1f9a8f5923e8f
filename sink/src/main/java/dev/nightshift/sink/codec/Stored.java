package dev.nightshift.sink.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;
import dev.nightshift.sink.aggregate.AggregateCodec;
import dev.nightshift.sink.ledger.LedgerEntryCodec;
import dev.nightshift.sink.run.JobRecordCodec;
import dev.nightshift.sink.run.RunRecordCodec;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sink.store.ValueCodec;
import java.io.IOException;
import java.util.List;

/**
 * How values are kept in the store. Ledger entries and job records, written once per result, and aggregates
 * and runs, rewritten by every batch, use their compact {@link BinaryCodec}; everything else is JSON written by the one nightshift mapper (exact money as
 * decimal strings). Reading accepts both forms of every type, so a store written by an earlier version (all
 * JSON) stays readable, and each codec reads the earlier binary versions of its type (see {@link BinaryCodec}).
 */
public final class Stored {
    private static final List<BinaryCodec<?>> CODECS =
            List.of(new LedgerEntryCodec(), new JobRecordCodec(), new AggregateCodec(), new RunRecordCodec());
    private static final ValueCodec CODEC = new ValueCodec() {
        @Override
        public byte[] write(Object value) {
            return Stored.write(value);
        }

        @Override
        public <T> T read(byte[] bytes, Class<T> type) {
            return Stored.read(bytes, type);
        }
    };

    private Stored() {}

    /** {@link #write} and {@link #read} as the codec of a {@code StoreTxn}. */
    public static ValueCodec codec() {
        return CODEC;
    }

    public static byte[] write(Object value) {
        for (BinaryCodec<?> codec : CODECS) {
            if (codec.type() == value.getClass()) {
                return encode(codec, value);
            }
        }
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode " + value.getClass().getSimpleName() + " for the store", e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] != '{') {
            for (BinaryCodec<?> codec : CODECS) {
                if (codec.type() == type && codec.reads(bytes[0])) {
                    return type.cast(codec.read(bytes));
                }
            }
        }
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new StoreException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static <T> byte[] encode(BinaryCodec<T> codec, Object value) {
        return codec.write(codec.type().cast(value));
    }
}
