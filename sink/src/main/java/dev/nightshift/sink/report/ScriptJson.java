package dev.nightshift.sink.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;

/**
 * JSON that can sit inside a {@code <script>} element. The HTML parser ends a script at the first {@code </script}
 * whatever the JavaScript around it, so a string from data (a path, a reason) could otherwise close the element
 * and inject markup. Every {@code <}, {@code >} and {@code &} is written as its JSON escape
 * (<code>&#92;u003c</code> …), which only strings can hold in JSON, so the parsed value is unchanged; so are U+2028
 * and U+2029, which some JavaScript parsers take for line ends.
 */
final class ScriptJson {
    private ScriptJson() {}

    static String of(Object value) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the report's data as JSON: " + e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
