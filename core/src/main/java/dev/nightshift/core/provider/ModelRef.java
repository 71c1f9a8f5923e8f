package dev.nightshift.core.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A model of one provider account, written {@code provider/model} in config and on the wire. */
public record ModelRef(String provider, String model) {
    public ModelRef {
        requireId("provider", provider);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model id is required");
        }
    }

    @JsonCreator
    public static ModelRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a model reference; write provider/model, e.g. deepseek/deepseek-chat");
        }
        return new ModelRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @JsonValue
    @Override
    public String toString() {
        return provider + "/" + model;
    }

    /** Provider ids become topic names and metric labels, so they are restricted to a safe alphabet. */
    public static void requireId(String what, String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException(what + " id '" + id + "' must be lowercase letters, digits and '-'");
        }
    }
}
