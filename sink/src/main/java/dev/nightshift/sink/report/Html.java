package dev.nightshift.sink.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Text from data made safe for HTML. Everything a report shows — paths, model names, failure reasons, diagnostics
 * — comes from repositories and model replies, so every one of them passes through here; the same escaping serves
 * element text and quoted attribute values.
 */
final class Html {
    private Html() {}

    /** The text with {@code & < > " '} replaced by character references; {@code null} becomes empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One path segment of a link (a run or evaluation id), percent-encoded, then escaped for the attribute. */
    static String pathSegment(String value) {
        return text(URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }
}
