package dev.nightshift.sinkapi.merge;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One document from the documents of a file's parts (a file over the per-job limit is documented in parts cut at
 * member boundaries): the first part's title without its "(part k of n)", then each part's sections in line order,
 * each part's own title dropped.
 */
public final class DocParts {
    private static final Pattern PART_SUFFIX = Pattern.compile("\\s*\\(part \\d+ of \\d+\\)\\s*$");
    private static final Pattern LINE_RANGE = Pattern.compile("#L(\\d+)-(\\d+)$");

    /** A part's document and the first line of the file it covers. */
    public record Part(int startLine, String document) {}

    private DocParts() {}

    /** The first line of a part's unit path ({@code Foo.java#L120-480} → 120), or -1 when it is not a part. */
    public static int startLine(String unitPath) {
        Matcher m = LINE_RANGE.matcher(unitPath == null ? "" : unitPath);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** @param file the documented file's path, for the title when the first part has none */
    public static String merge(String file, List<Part> parts) {
        List<Part> ordered = parts.stream()
                .sorted((a, b) -> Integer.compare(a.startLine(), b.startLine()))
                .toList();
        StringBuilder out = new StringBuilder();
        String firstTitle = title(ordered.get(0).document());
        out.append("# ")
                .append(
                        firstTitle == null
                                ? file.substring(file.lastIndexOf('/') + 1)
                                : PART_SUFFIX.matcher(firstTitle).replaceFirst(""))
                .append("\n\n");
        for (Part part : ordered) {
            out.append(withoutTitle(part.document()).strip()).append("\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String title(String document) {
        for (String line : document.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).strip();
            }
            if (!line.isBlank()) {
                return null;
            }
        }
        return null;
    }

    private static String withoutTitle(String document) {
        String d = document.stripLeading();
        return d.startsWith("# ") ? (d.contains("\n") ? d.substring(d.indexOf('\n') + 1) : "") : d;
    }
}
