package dev.nightshift.ingest.unit;

import dev.nightshift.ingest.filter.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural splitter for Python: a {@code def}, {@code async def} or {@code class} in column 0 starts a
 * unit (with the decorators and comments right above it), which runs until the next line of code in
 * column 0. Lines inside triple-quoted strings never end a unit, whatever their indentation. The
 * {@code @overload} stubs of a function and its implementation are one unit (kind {@code function}, the
 * implementation's signature): one function to test, however many signatures it declares; stubs with no
 * implementation after them are kind {@code overload}.
 */
public final class IndentSplitter implements UnitSplitter {
    private static final Pattern DECLARATION = Pattern.compile("^(?:async\\s+)?(?<kind>def|class)\\s+(?<name>\\w+)");
    private static final Pattern HEADER = Pattern.compile("^(?:import\\s|from\\s+\\S+\\s+import\\s)");
    private static final Pattern DEF_LINE = Pattern.compile("(?m)^(?:async\\s+)?def\\s");
    /** {@code @overload}, {@code @typing.overload}, {@code @t.overload}, {@code @typing_extensions.overload}. */
    private static final Pattern OVERLOAD = Pattern.compile("(?m)^@(?:\\w+\\.)*overload\\s*(?:#.*)?$");

    @Override
    public FileUnits split(SourceFile file) {
        Lines lines = new Lines(file.text());
        List<Unit> units = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        String tripleQuote = null;
        int leadingStart = -1;
        int openStart = -1;
        int openDecl = -1;
        String openName = null;
        String openKind = null;
        int lastCode = -1;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.get(n);
            boolean inString = tripleQuote != null;
            tripleQuote = updateTripleQuote(line, tripleQuote);
            if (inString || line.isBlank()) {
                continue;
            }
            boolean columnZero = !Character.isWhitespace(line.charAt(0));
            if (!columnZero) {
                lastCode = n;
                continue;
            }
            boolean leading = line.startsWith("@") || line.startsWith("#");
            Matcher m = DECLARATION.matcher(line);
            boolean declaration = m.find();
            if (openStart > 0 && (declaration || leading || !line.startsWith(")"))) {
                units.add(unit(lines, openStart, openDecl, Math.max(lastCode, openDecl), openName, openKind));
                openStart = -1;
            }
            if (declaration) {
                openStart = leadingStart > 0 ? leadingStart : n;
                openDecl = n;
                openName = m.group("name");
                openKind = m.group("kind").equals("def") ? "function" : "class";
                leadingStart = -1;
            } else if (leading) {
                leadingStart = leadingStart > 0 ? leadingStart : n;
            } else {
                leadingStart = -1;
                if (HEADER.matcher(line).find()) {
                    header.append(line.strip()).append('\n');
                }
            }
            lastCode = n;
        }
        if (openStart > 0) {
            units.add(unit(lines, openStart, openDecl, Math.max(lastCode, openDecl), openName, openKind));
        }
        return new FileUnits(file.path(), file.language(), header.toString(), mergeOverloads(units, lines), false);
    }

    /** Each run of {@code @overload} stubs becomes one unit with the implementation that follows them. */
    private static List<Unit> mergeOverloads(List<Unit> units, Lines lines) {
        List<Unit> out = new ArrayList<>(units.size());
        int i = 0;
        while (i < units.size()) {
            Unit first = units.get(i);
            if (!isOverloadStub(first)) {
                out.add(first);
                i++;
                continue;
            }
            int last = i;
            while (last + 1 < units.size()
                    && isOverloadStub(units.get(last))
                    && units.get(last + 1).name().equals(first.name())) {
                last++;
            }
            Unit end = units.get(last);
            String kind = isOverloadStub(end) ? "overload" : "function";
            out.add(new Unit(
                    first.name(),
                    kind,
                    first.startLine(),
                    end.endLine(),
                    lines.slice(first.startLine(), end.endLine()),
                    end.signature(),
                    List.of(),
                    false));
            i = last + 1;
        }
        return out;
    }

    private static boolean isOverloadStub(Unit unit) {
        if (!unit.kind().equals("function")) {
            return false;
        }
        Matcher def = DEF_LINE.matcher(unit.text());
        return def.find()
                && OVERLOAD.matcher(unit.text().substring(0, def.start())).find();
    }

    private static Unit unit(Lines lines, int start, int decl, int end, String name, String kind) {
        return new Unit(
                name, kind, start, end, lines.slice(start, end), Signatures.declaration(lines, decl), List.of(), false);
    }

    /** The triple quote still open after this line, or {@code null}. */
    private static String updateTripleQuote(String line, String open) {
        String current = open;
        int i = 0;
        while (i < line.length()) {
            if (current == null) {
                if (line.charAt(i) == '#') {
                    return null;
                }
                if (line.startsWith("\"\"\"", i) || line.startsWith("'''", i)) {
                    current = line.substring(i, i + 3);
                    i += 3;
                    continue;
                }
                if (line.charAt(i) == '"' || line.charAt(i) == '\'') {
                    int close = line.indexOf(line.charAt(i), i + 1);
                    i = close < 0 ? line.length() : close + 1;
                    continue;
                }
            } else if (line.startsWith(current, i)) {
                current = null;
                i += 3;
                continue;
            }
            i++;
        }
        return current;
    }
}
