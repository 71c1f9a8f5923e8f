package dev.nightshift.simulator.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads text out of the content forms the protocols allow: a string or a list of typed blocks. */
final class Texts {
    private Texts() {}

    /** The text of a string or of an array of blocks with a {@code text} field; other blocks are skipped. */
    static String of(Object content, String where) {
        if (content == null) {
            return "";
        }
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof JsonArray blocks) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < blocks.size(); i++) {
                Object block = blocks.getValue(i);
                if (block instanceof JsonObject o && o.getValue("text") instanceof String t) {
                    if (sb.length() > 0) {
                        sb.append("\n\n");
                    }
                    sb.append(t);
                } else if (block instanceof String s) {
                    sb.append(s);
                }
            }
            return sb.toString();
        }
        throw new IllegalArgumentException(where + " must be a string or an array of content blocks");
    }

    static void append(StringBuilder prompt, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (prompt.length() > 0) {
            prompt.append("\n\n");
        }
        prompt.append(text);
    }

    static Integer optionalInt(JsonObject o, String... names) {
        for (String n : names) {
            Object v = o.getValue(n);
            if (v instanceof Number num) {
                if (num.longValue() <= 0) {
                    throw new IllegalArgumentException(n + " must be greater than 0, got " + num);
                }
                return num.intValue();
            }
            if (v != null) {
                throw new IllegalArgumentException(n + " must be an integer");
            }
        }
        return null;
    }
}
