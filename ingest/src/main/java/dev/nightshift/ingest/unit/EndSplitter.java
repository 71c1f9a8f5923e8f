package dev.nightshift.ingest.unit;

import dev.nightshift.ingest.filter.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A structural splitter for Ruby: a {@code class}, {@code module} or {@code def} in column 0 starts a unit
 * (with the comments right above it) that ends at the {@code end} in column 0.
 */
public final class EndSplitter implements UnitSplitter {
    private static final Pattern DECLARATION = Pattern.compile("^(?<kind>class|module|def)\\s+(?<name>[\\w:.?!=]+)");
    private static final Pattern END = Pattern.compile("^end\\b");
    /** An endless method (Ruby 3): {@code def name(args) = expression}, complete on its line. */
    private static final Pattern ENDLESS = Pattern.compile("^def\\s+[\\w.?!]+\\s*(?:\\([^)]*\\))?\\s*=(?!=)\\s*\\S");

    private static final Pattern HEADER = Pattern.compile("^(?:require|require_relative|load)\\b");

    @Override
    public FileUnits split(SourceFile file) {
        Lines lines = new Lines(file.text());
        List<Unit> units = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        int leadingStart = -1;
        int openStart = -1;
        int openDecl = -1;
        String name = null;
        String kind = null;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.get(n);
            if (openStart > 0) {
                if (END.matcher(line).find()) {
                    units.add(new Unit(
                            name,
                            kind,
                            openStart,
                            n,
                            lines.slice(openStart, n),
                            Signatures.declaration(lines, openDecl),
                            List.of(),
                            false));
                    openStart = -1;
                }
                continue;
            }
            Matcher m = DECLARATION.matcher(line);
            if (m.find()) {
                openStart = leadingStart > 0 ? leadingStart : n;
                openDecl = n;
                name = m.group("name");
                kind = m.group("kind").equals("def") ? "function" : m.group("kind");
                // A one-line definition ends on its own line.
                if (line.matches(".*;\\s*end\\s*$") || ENDLESS.matcher(line).find()) {
                    units.add(new Unit(
                            name, kind, openStart, n, lines.slice(openStart, n), line.strip(), List.of(), false));
                    openStart = -1;
                }
                leadingStart = -1;
            } else if (line.startsWith("#")) {
                leadingStart = leadingStart > 0 ? leadingStart : n;
            } else {
                leadingStart = -1;
                if (HEADER.matcher(line).find()) {
                    header.append(line.strip()).append('\n');
                }
            }
        }
        if (openStart > 0) {
            units.add(new Unit(
                    name,
                    kind,
                    openStart,
                    lines.count(),
                    lines.slice(openStart, lines.count()),
                    Signatures.declaration(lines, openDecl),
                    List.of(),
                    false));
        }
        return new FileUnits(file.path(), file.language(), header.toString(), units, false);
    }
}
