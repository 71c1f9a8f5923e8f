package dev.nightshift.ingest.unit;

import dev.nightshift.ingest.filter.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural splitter for brace languages (C, C++, C#, Go, Rust, Kotlin, JavaScript, TypeScript, PHP,
 * Java when it does not parse): it tracks brace depth outside strings and comments, and a statement at
 * the top level that matches the language's declaration pattern starts a unit, which ends where its braces
 * close (or, for a declaration without a body, at its ';', a blank line or the next declaration).
 * Namespaces and {@code extern "C"} blocks are transparent: their contents count as top level.
 * Leading comments, annotations and attributes belong to the unit that follows them.
 */
public final class BraceSplitter implements UnitSplitter {
    private final Syntax syntax;

    public BraceSplitter(Syntax syntax) {
        this.syntax = syntax;
    }

    /**
     * A language's shape for the splitter.
     *
     * @param declaration  matches a top-level declaration's first line; group "kind" and group "name"
     * @param transparent  matches a block opener whose contents stay top level (namespace), or {@code null}
     * @param leading      matches a line that belongs to the next declaration (comment, annotation, attribute)
     * @param header       matches an import-like line
     * @param quoteStrings whether '…' delimits strings (JS, PHP) rather than char literals or lifetimes
     * @param backticks    whether `…` delimits (possibly multi-line) strings (JS, TS, Go)
     * @param tripleQuotes whether """…""" delimits multi-line strings (Kotlin, C# 11)
     */
    public record Syntax(
            Pattern declaration,
            Pattern transparent,
            Pattern leading,
            Pattern header,
            boolean quoteStrings,
            boolean backticks,
            boolean tripleQuotes) {}

    @Override
    public FileUnits split(SourceFile file) {
        Lines lines = new Lines(file.text());
        Scanner scanner = new Scanner(syntax);
        List<Unit> units = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        int base = 0;
        List<Integer> transparentDepths = new ArrayList<>();
        int leadingStart = -1;
        boolean pendingTransparent = false;
        Open open = null;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.get(n);
            boolean startsInCode = !scanner.inMultiLineToken();
            int depthBefore = scanner.depth;
            String trimmed = line.strip();
            if (open == null && startsInCode && depthBefore == base) {
                if (trimmed.isEmpty()) {
                    leadingStart = -1;
                } else if (syntax.leading().matcher(trimmed).find()) {
                    leadingStart = leadingStart < 0 ? n : leadingStart;
                } else if (syntax.header().matcher(trimmed).find()) {
                    header.append(trimmed).append('\n');
                    leadingStart = -1;
                } else if (syntax.transparent() != null
                        && syntax.transparent().matcher(trimmed).find()) {
                    // Its brace may open on this line or the next (Allman style).
                    pendingTransparent = true;
                    leadingStart = -1;
                } else {
                    Matcher m = syntax.declaration().matcher(trimmed);
                    if (m.find()) {
                        String[] nameAndKind = nameAndKind(m);
                        open = new Open(leadingStart > 0 ? leadingStart : n, n, nameAndKind[0], nameAndKind[1]);
                    }
                    leadingStart = -1;
                }
            } else if (open != null && !open.opened && depthBefore == base && startsInCode && n > open.declLine) {
                // A declaration without a body ends at a blank line or where the next declaration starts.
                if (trimmed.isEmpty() || syntax.declaration().matcher(trimmed).find()) {
                    units.add(open.close(n - 1, lines));
                    open = null;
                    n--;
                    continue;
                }
            }
            scanner.scan(line);
            if (open != null && scanner.maxDepthOnLine > base) {
                open.opened = true;
            }
            if (open != null && open.opened && scanner.depth <= base && !scanner.inMultiLineToken()) {
                units.add(open.close(n, lines));
                open = null;
            } else if (open != null && !open.opened && trimmed.endsWith(";") && scanner.depth == base) {
                units.add(open.close(n, lines));
                open = null;
            }
            if (pendingTransparent && scanner.maxDepthOnLine > depthBefore && !trimmed.isEmpty()) {
                transparentDepths.add(depthBefore + 1);
                pendingTransparent = false;
            }
            while (!transparentDepths.isEmpty()
                    && scanner.depth < transparentDepths.get(transparentDepths.size() - 1)) {
                transparentDepths.remove(transparentDepths.size() - 1);
            }
            base = transparentDepths.isEmpty() ? 0 : transparentDepths.get(transparentDepths.size() - 1);
        }
        if (open != null) {
            units.add(open.close(lines.count(), lines));
        }
        return new FileUnits(file.path(), file.language(), header.toString(), units, false);
    }

    /**
     * The unit's name and kind from a declaration match: groups {@code name} (or {@code fname}) and {@code kind};
     * an anonymous default export ({@code anonymous}: what follows {@code export default}); or an assignment
     * ({@code assigned} = {@code value}).
     */
    private static String[] nameAndKind(Matcher m) {
        String assigned = group(m, "assigned");
        if (assigned != null) {
            return new String[] {assignedName(assigned), valueKind(group(m, "value"))};
        }
        String anonymous = group(m, "anonymous");
        if (anonymous != null) {
            return new String[] {"default", valueKind(anonymous)};
        }
        String name = group(m, "name") != null ? group(m, "name") : group(m, "fname");
        String kind = group(m, "kind") != null ? group(m, "kind") : "function";
        return new String[] {name == null ? "?" : name, kind};
    }

    /** {@code exports.f} and {@code module.exports.f} are {@code f}; the module itself is {@code module.exports}. */
    private static String assignedName(String target) {
        if (target.equals("exports") || target.equals("module.exports")) {
            return "module.exports";
        }
        if (target.startsWith("module.exports.")) {
            return target.substring("module.exports.".length());
        }
        return target.startsWith("exports.") ? target.substring("exports.".length()) : target;
    }

    private static String valueKind(String value) {
        return value.startsWith("class") ? "class" : value.equals("{") ? "variable" : "function";
    }

    /** A named group's text, or {@code null} when the pattern has no such group or it did not take part. */
    private static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    private static final class Open {
        final int start;
        final int declLine;
        final String name;
        final String kind;
        boolean opened;

        Open(int start, int declLine, String name, String kind) {
            this.start = start;
            this.declLine = declLine;
            this.name = name;
            this.kind = kind;
        }

        Unit close(int end, Lines lines) {
            int last = Math.max(end, declLine);
            // Trailing blank lines are not part of the unit.
            while (last > declLine && lines.get(last).isBlank()) {
                last--;
            }
            return new Unit(
                    name,
                    normalise(kind),
                    start,
                    last,
                    lines.slice(start, last),
                    Signatures.declaration(lines, declLine),
                    List.of(),
                    false);
        }

        private static String normalise(String kind) {
            return switch (kind) {
                case "fn", "func", "fun", "function", "function*", "def" -> "function";
                case "const", "let", "var", "val" -> "variable";
                default -> kind;
            };
        }
    }

    /** Brace depth across lines, outside strings, chars and comments. */
    static final class Scanner {
        private final Syntax syntax;
        int depth;
        int maxDepthOnLine;
        boolean inBlockComment;
        private boolean inBacktick;
        private boolean inTriple;

        Scanner(Syntax syntax) {
            this.syntax = syntax;
        }

        boolean inMultiLineToken() {
            return inBlockComment || inBacktick || inTriple;
        }

        void scan(String line) {
            maxDepthOnLine = depth;
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (inBlockComment) {
                    int end = line.indexOf("*/", i);
                    if (end < 0) {
                        return;
                    }
                    inBlockComment = false;
                    i = end + 2;
                    continue;
                }
                if (inBacktick) {
                    if (c == '\\') {
                        i += 2;
                        continue;
                    }
                    if (c == '`') {
                        inBacktick = false;
                    }
                    i++;
                    continue;
                }
                if (inTriple) {
                    int end = line.indexOf("\"\"\"", i);
                    if (end < 0) {
                        return;
                    }
                    inTriple = false;
                    i = end + 3;
                    continue;
                }
                if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
                    return;
                }
                if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                    inBlockComment = true;
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    if (syntax.tripleQuotes() && line.startsWith("\"\"\"", i)) {
                        inTriple = true;
                        i += 3;
                        continue;
                    }
                    i = skipString(line, i, '"');
                    continue;
                }
                if (c == '\'') {
                    i = syntax.quoteStrings() ? skipString(line, i, '\'') : skipCharLiteral(line, i);
                    continue;
                }
                if (c == '`' && syntax.backticks()) {
                    inBacktick = true;
                    i++;
                    continue;
                }
                if (c == '{') {
                    depth++;
                    maxDepthOnLine = Math.max(maxDepthOnLine, depth);
                } else if (c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                i++;
            }
        }

        /** Index after the closing quote (or the end of the line: an unterminated string ends with it). */
        private static int skipString(String line, int open, char quote) {
            int i = open + 1;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    return i + 1;
                }
                i++;
            }
            return line.length();
        }

        /** A char literal {@code 'x'} or {@code '\n'}; anything else (a Rust lifetime) is a lone quote. */
        private static int skipCharLiteral(String line, int open) {
            int close = line.charAt(Math.min(open + 1, line.length() - 1)) == '\\'
                    ? line.indexOf('\'', open + 2)
                    : open + 2;
            if (close > open && close < line.length() && close - open <= 10 && line.charAt(close) == '\'') {
                return close + 1;
            }
            return open + 1;
        }
    }
}
