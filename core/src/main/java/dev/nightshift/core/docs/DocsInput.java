package dev.nightshift.core.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input of a folder summary or of the architecture document, composed from its children's documents: one
 * fenced Markdown block with a {@code ### File: path} or {@code ### Folder: path} section per child, in path order,
 * followed by what ingest planned (a folder's test files, the build files, the whole source when it fits).
 *
 * <p>A file is represented by its document's Purpose and Public API sections, not the whole document: a summary
 * needs what a file is for and what it offers, and a change inside a method body — which leaves those sections
 * as they were — then leaves the folder's input byte-identical, so the folder's summary is served from the cache
 * instead of paid for again. A folder is represented by its whole summary. When the children together exceed the
 * input budget, each is reduced to its first paragraph.
 */
public final class DocsInput {
    /** What a child contributes: its unit, its level and its document ({@code null} when its job did not succeed). */
    public record ChildDoc(String unitPath, DocLevel level, String document) {}

    private DocsInput() {}

    /**
     * @param children    the children's documents in path order; parts of one file are merged under the file
     * @param planned     what ingest planned for this job (may be empty)
     * @param budgetChars most characters the children's block may take before each child is cut to its first paragraph
     */
    public static String compose(List<ChildDoc> children, String planned, int budgetChars) {
        Map<String, List<ChildDoc>> byUnit = new LinkedHashMap<>();
        for (ChildDoc c : children) {
            byUnit.computeIfAbsent(key(c), k -> new ArrayList<>()).add(c);
        }
        String full = block(byUnit, false);
        String body = full.length() <= budgetChars ? full : block(byUnit, true);
        return Fences.fenced("markdown", body) + (planned == null || planned.isEmpty() ? "" : "\n" + planned);
    }

    /** The file a part belongs to ({@code Foo.java#L1-200} → {@code Foo.java}), or the folder. */
    static String key(ChildDoc c) {
        int hash = c.unitPath().indexOf('#');
        return c.level() == DocLevel.FILE && hash >= 0 ? c.unitPath().substring(0, hash) : c.unitPath();
    }

    private static String block(Map<String, List<ChildDoc>> byUnit, boolean firstParagraphOnly) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ChildDoc>> e : byUnit.entrySet()) {
            DocLevel level = e.getValue().get(0).level();
            out.append(level == DocLevel.FILE ? "### File: " : "### Folder: ")
                    .append(displayPath(e.getKey(), level))
                    .append("\n\n");
            for (ChildDoc part : e.getValue()) {
                String doc = part.document();
                String text = doc == null
                        ? "(no document: its job did not succeed)"
                        : firstParagraphOnly
                                ? firstParagraph(doc)
                                : level == DocLevel.FILE ? purposeAndApi(doc) : doc.strip();
                out.append(text.strip()).append("\n\n");
            }
        }
        return out.toString();
    }

    /** A folder's unit path ends in the summary's name ({@code src/README}); the folder is what is meant. */
    private static String displayPath(String unitPath, DocLevel level) {
        if (level != DocLevel.FOLDER) {
            return unitPath;
        }
        int slash = unitPath.lastIndexOf('/');
        return slash < 0 ? "." : unitPath.substring(0, slash);
    }

    /**
     * The document's Purpose and Public API sections (any {@code ##} heading starting with those words), without its
     * title; the whole document without its title when it has neither.
     */
    static String purposeAndApi(String document) {
        StringBuilder kept = new StringBuilder();
        boolean keep = false;
        boolean any = false;
        for (String line : document.split("\n", -1)) {
            if (line.startsWith("## ")) {
                String heading = line.substring(3).strip().toLowerCase(Locale.ROOT);
                keep = heading.startsWith("purpose")
                        || heading.startsWith("public api")
                        || heading.startsWith("summary")
                        || heading.startsWith("overview");
                any |= keep;
            } else if (line.startsWith("# ")) {
                keep = false;
                continue;
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        return any ? kept.toString() : withoutTitle(document);
    }

    private static String withoutTitle(String document) {
        String d = document.strip();
        return d.startsWith("# ") && d.contains("\n") ? d.substring(d.indexOf('\n') + 1) : d;
    }

    /** The first paragraph of prose after the title and any headings. */
    static String firstParagraph(String document) {
        StringBuilder para = new StringBuilder();
        for (String line : document.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#") || t.startsWith("```")) {
                if (para.length() > 0) {
                    break;
                }
                continue;
            }
            if (t.isEmpty()) {
                if (para.length() > 0) {
                    break;
                }
                continue;
            }
            para.append(t).append(' ');
        }
        return para.toString().strip();
    }
}
