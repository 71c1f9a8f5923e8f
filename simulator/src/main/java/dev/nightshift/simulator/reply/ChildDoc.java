package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One document a folder or repository prompt carries: a file's document, a subfolder's or module's summary, or a
 * build file, each under its own {@code ### File:}, {@code ### Folder:} or {@code ### Build file:} heading.
 */
record ChildDoc(Kind kind, String path, String text) {
    enum Kind {
        FILE,
        FOLDER,
        BUILD_FILE
    }

    private static final Pattern HEADING = Pattern.compile("^###\\s+(File|Folder|Build file):\\s*(.+?)\\s*$");
    private static final Pattern FENCE_LINE = Pattern.compile("^\\s*(`{3,}|~{3,})");

    /** The last segment of the path, e.g. {@code Cart.java} or {@code pricing}. */
    String name() {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /**
     * The child documents of a prompt's block, in order. Headings inside a child's own code blocks are content (a
     * build file may hold anything), so the split follows fences.
     */
    static List<ChildDoc> parse(String block) {
        List<ChildDoc> out = new ArrayList<>();
        Kind kind = null;
        String path = null;
        StringBuilder text = new StringBuilder();
        String fence = null;
        for (String line : block.split("\\R", -1)) {
            Matcher f = FENCE_LINE.matcher(line);
            if (fence != null) {
                if (f.find()
                        && f.group(1).charAt(0) == fence.charAt(0)
                        && f.group(1).length() >= fence.length()
                        && line.trim().length() == f.group(1).length()) {
                    fence = null;
                }
            } else if (f.find()) {
                fence = f.group(1);
            } else {
                Matcher h = HEADING.matcher(line);
                if (h.matches()) {
                    if (kind != null) {
                        out.add(new ChildDoc(kind, path, text.toString().strip()));
                    }
                    kind = switch (h.group(1)) {
                        case "File" -> Kind.FILE;
                        case "Folder" -> Kind.FOLDER;
                        default -> Kind.BUILD_FILE;
                    };
                    path = h.group(2);
                    text.setLength(0);
                    continue;
                }
            }
            text.append(line).append('\n');
        }
        if (kind != null) {
            out.add(new ChildDoc(kind, path, text.toString().strip()));
        }
        return out;
    }
}
