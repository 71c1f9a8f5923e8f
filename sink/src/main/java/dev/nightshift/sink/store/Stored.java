package dev.nightshift.sink.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;
import java.io.IOException;

/** Values in the store are JSON written by the one nightshift mapper (exact money as decimal strings). */
public final class Stored {
    private Stored() {
    }

    public static byte[] write(Object value) {
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
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new StoreException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }
}
