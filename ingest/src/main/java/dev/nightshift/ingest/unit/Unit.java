package dev.nightshift.ingest.unit;

import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.tokens.TokenCounter;
import java.util.List;
import java.util.Objects;

/**
 * A top-level declaration of a source file — a type, a function, a module — with its 1-based inclusive
 * line range (leading doc comments, annotations and decorators included) and its text. Token count and
 * content hash are computed on first use, since most plans need them for a few units only.
 */
public final class Unit {
    private final String name;
    private final String kind;
    private final int startLine;
    private final int endLine;
    private final String text;
    private final String signature;
    private final List<Unit> members;
    private final boolean trivial;
    private long tokens = -1;
    private String contentHash;

    /**
     * @param signature the declaration line(s) up to the body, for summaries and callers' context
     * @param members   methods of a type, where the splitter knows them (Java); may be empty
     * @param trivial   an accessor or similar not worth a test
     */
    public Unit(
            String name,
            String kind,
            int startLine,
            int endLine,
            String text,
            String signature,
            List<Unit> members,
            boolean trivial) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + "-" + endLine + " for unit " + name);
        }
        this.startLine = startLine;
        this.endLine = endLine;
        this.text = Objects.requireNonNull(text, "text");
        this.signature = signature == null ? "" : signature;
        this.members = List.copyOf(members);
        this.trivial = trivial;
    }

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public int startLine() {
        return startLine;
    }

    public int endLine() {
        return endLine;
    }

    public String text() {
        return text;
    }

    public String signature() {
        return signature;
    }

    public List<Unit> members() {
        return members;
    }

    public boolean trivial() {
        return trivial;
    }

    /** Tokens of {@link #text()} ({@code o200k_base}). */
    public long tokens() {
        if (tokens < 0) {
            tokens = TokenCounter.count(text);
        }
        return tokens;
    }

    /** SHA-256 of {@link #text()}. */
    public String contentHash() {
        if (contentHash == null) {
            contentHash = JobIds.contentHash(text);
        }
        return contentHash;
    }

    @Override
    public String toString() {
        return kind + " " + name + " [" + startLine + "-" + endLine + "]";
    }
}
