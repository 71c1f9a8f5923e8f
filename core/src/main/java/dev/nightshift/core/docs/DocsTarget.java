package dev.nightshift.core.docs;

import java.util.List;
import java.util.Objects;

/**
 * What a documentation job writes and from what.
 *
 * <p>A file's job carries the file's source. A folder's or the repository's job is planned before its children's
 * documents exist: ingest publishes it {@code awaiting} them, with only the part of its input it knows (the names of
 * the folder's test files, the build files); the sink composes the input from the children's documents once every
 * child has ended and publishes the job again, no longer awaiting, for the router. The dependency lives in the plan,
 * so a level never starts early and never waits on timing.
 *
 * @param level    file, folder or repository
 * @param docPath  where the document goes, relative to the output folder ({@code src/Foo.java.md},
 *                 {@code src/README.md}, {@code ARCHITECTURE.md}); the parts of a split file share their file's
 * @param symbols  the public symbols the document must cover (a file's or a part's), as {@code Type} or
 *                 {@code Type.member(params)}
 * @param children the documents a folder or the repository is built from, in path order; empty for a file
 * @param awaiting true while the children's documents are still to come (as planned); false once composed
 * @param part     1-based part of a file split at member boundaries; 1 for a whole file
 * @param parts    how many parts the file was split into; 1 for a whole file
 * @param outline  for a part: the whole file's outline (types and member signatures), so each part is documented in
 *                 its class's context; {@code ""} otherwise
 */
public record DocsTarget(
        DocLevel level,
        String docPath,
        List<String> symbols,
        List<DocChild> children,
        boolean awaiting,
        int part,
        int parts,
        String outline) {
    public DocsTarget {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(docPath, "docPath");
        symbols = symbols == null ? List.of() : List.copyOf(symbols);
        children = children == null ? List.of() : List.copyOf(children);
        outline = outline == null ? "" : outline;
        if (parts < 1 || part < 1 || part > parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts + " is not a part");
        }
        if (level == DocLevel.FILE && awaiting) {
            throw new IllegalArgumentException("a file's document awaits nothing");
        }
    }

    /** A whole file's document. */
    public static DocsTarget file(String docPath, List<String> symbols) {
        return new DocsTarget(DocLevel.FILE, docPath, symbols, List.of(), false, 1, 1, "");
    }

    /** Part {@code part} of {@code parts} of a file split at member boundaries. */
    public static DocsTarget part(String docPath, List<String> symbols, int part, int parts, String outline) {
        return new DocsTarget(DocLevel.FILE, docPath, symbols, List.of(), false, part, parts, outline);
    }

    /** A folder summary or the architecture document, as planned: awaiting its children. */
    public static DocsTarget composite(DocLevel level, String docPath, List<DocChild> children) {
        if (level == DocLevel.FILE) {
            throw new IllegalArgumentException("a file's document has no children");
        }
        return new DocsTarget(level, docPath, List.of(), children, true, 1, 1, "");
    }

    public boolean split() {
        return parts > 1;
    }

    /** This target once its input has been composed from its children's documents. */
    public DocsTarget composed() {
        return new DocsTarget(level, docPath, symbols, children, false, part, parts, outline);
    }
}
