package dev.nightshift.app.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;

/** The sink's answers as the JSON its API gives, for {@code --json}: the same mapper, the same shapes. */
final class JsonText {
    private JsonText() {
    }

    static String of(Object answer) {
        try {
            return Json.mapper().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + answer.getClass().getSimpleName() + " is always serialisable", e);
        }
    }
}
