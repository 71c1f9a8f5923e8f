package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file over the per-job limit into parts at member boundaries, each within the limit and holding at most
 * {@value #MOST_UNITS} units (a document can cover only so many in its output budget), covering the whole
 * file. Top-level units are kept together where they fit; a type larger than the limit is cut between its members
 * (a part holds the type's declaration line for context, then its members); text between members goes with the
 * member after it. A file whose splitter knows no units is cut between lines.
 */
final class FileParts {
    static final int MOST_UNITS = 40;

    private FileParts() {}

    /**
     * A part: 1-based inclusive lines, its text (with the file's header and, inside a type, the type's declaration
     * prepended), and the units or members it documents.
     */
    record Part(int startLine, int endLine, String text, List<Unit> units, Unit enclosingType) {}

    /** A span of lines to keep together, and what it documents. */
    private record Span(int start, int end, Unit unit, Unit enclosing) {}

    static List<Part> split(String text, FileUnits file, long budget) {
        String[] lines = text.split("\n", -1);
        int lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;
        List<Span> spans = spans(file.units(), lines, budget);
        List<Part> parts = new ArrayList<>();
        int start = 1;
        long tokens = 0;
        List<Span> current = new ArrayList<>();
        for (Span span : spans) {
            long t = TokenCounter.count(slice(lines, span.start(), span.end()));
            boolean otherType = !current.isEmpty() && current.get(0).enclosing() != span.enclosing();
            if (!current.isEmpty() && (tokens + t > budget || otherType || current.size() >= MOST_UNITS)) {
                parts.add(part(lines, file.header(), start, current));
                start = current.get(current.size() - 1).end() + 1;
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(span);
            tokens += t;
        }
        if (!current.isEmpty()) {
            parts.add(part(lines, file.header(), start, current));
        }
        if (parts.isEmpty()) {
            parts.add(new Part(1, Math.max(1, lineCount), text, file.units(), null));
        }
        Part last = parts.get(parts.size() - 1);
        if (last.endLine() < lineCount) {
            // Trailing lines after the last unit (closing braces, a main guard) belong to the last part.
            parts.set(
                    parts.size() - 1,
                    new Part(
                            last.startLine(),
                            lineCount,
                            last.text() + slice(lines, last.endLine() + 1, lineCount),
                            last.units(),
                            last.enclosingType()));
        }
        return parts;
    }

    /** The units in order; a unit over the budget with members becomes its members, one span each. */
    private static List<Span> spans(List<Unit> units, String[] lines, long budget) {
        List<Span> out = new ArrayList<>();
        for (Unit unit : units) {
            if (unit.members().isEmpty() || unit.tokens() <= budget) {
                if (unit.tokens() > budget && unit.members().isEmpty()) {
                    out.addAll(lineSpans(unit, lines, budget));
                } else {
                    out.add(new Span(unit.startLine(), unit.endLine(), unit, null));
                }
                continue;
            }
            for (Unit member : unit.members()) {
                out.add(new Span(member.startLine(), member.endLine(), member, unit));
            }
        }
        return out;
    }

    /** A unit too large whose members are unknown: consecutive line ranges, ending at blank lines where possible. */
    private static List<Span> lineSpans(Unit unit, String[] lines, long budget) {
        List<Span> out = new ArrayList<>();
        int start = unit.startLine();
        long tokens = 0;
        int lastBlank = -1;
        for (int i = unit.startLine(); i <= unit.endLine(); i++) {
            tokens += TokenCounter.count(lines[i - 1]) + 1;
            if (lines[i - 1].isBlank()) {
                lastBlank = i;
            }
            if (tokens > budget && i > start) {
                int end = lastBlank > start ? lastBlank : i - 1;
                out.add(new Span(start, end, unit, null));
                start = end + 1;
                tokens = TokenCounter.count(slice(lines, start, i));
                lastBlank = -1;
            }
        }
        if (start <= unit.endLine()) {
            out.add(new Span(start, unit.endLine(), unit, null));
        }
        return out;
    }

    private static Part part(String[] lines, String header, int start, List<Span> spans) {
        int end = spans.get(spans.size() - 1).end();
        Unit enclosing = spans.get(0).enclosing();
        String body = slice(lines, start, end);
        StringBuilder text = new StringBuilder();
        if (start > 1 && !header.isEmpty()) {
            text.append(header).append('\n');
        }
        if (enclosing != null && start > enclosing.startLine()) {
            text.append(enclosing.signature().strip()).append(" {\n    // … members of other parts …\n");
        }
        text.append(body);
        List<Unit> units = spans.stream().map(Span::unit).distinct().toList();
        return new Part(start, end, text.toString(), units, enclosing);
    }

    private static String slice(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to && i <= lines.length; i++) {
            sb.append(lines[i - 1]).append('\n');
        }
        return sb.toString();
    }
}
