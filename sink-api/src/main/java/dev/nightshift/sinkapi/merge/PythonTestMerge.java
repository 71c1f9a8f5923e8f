package dev.nightshift.sinkapi.merge;

import dev.nightshift.sinkapi.merge.Source.Statement;
import dev.nightshift.sinkapi.merge.Source.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python (pytest and unittest): the base module as written, with each later part's new imports after its last
 * import ({@code from __future__} ones first), and the part's functions, classes and module-level assignments
 * appended before the base's {@code if __name__ == "__main__":} block. A class the base also declares (a
 * {@code unittest.TestCase}, a pytest {@code Test…} class) gets the part's methods appended to its body instead.
 * A name already taken becomes {@code name_partN} ({@code NAME_PARTN} for a constant), and the part's references
 * to it follow — a pytest fixture's parameters included, since they are the same identifier. Statements identical
 * to one already there, the part's module docstring and its main block are left out.
 */
final class PythonTestMerge implements TestMerger.Language {
    private static final Pattern DEF = Pattern.compile("^(?:async\\s+)?def\\s+([A-Za-z_]\\w*)");
    private static final Pattern CLASS = Pattern.compile("^class\\s+([A-Za-z_]\\w*)");
    private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=\\n]+)?=(?!=)");
    private static final Set<String> SELF = Set.of("self", "cls");

    enum Kind {
        IMPORT,
        FUTURE_IMPORT,
        DOCSTRING,
        MAIN,
        DEF,
        CLASS,
        ASSIGN,
        OTHER
    }

    record Item(Kind kind, String name, Statement statement, String text) {}

    @Override
    public String merge(String mergeInto, List<TestMerger.Part> parts) {
        Source base = new Source(parts.get(0).text(), Syntax.PYTHON);
        List<Item> baseItems = items(base);
        List<Insert> inserts = new ArrayList<>();
        Set<String> imports = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        Map<String, Item> classes = new LinkedHashMap<>();
        int importAt = -1;
        int futureAt = -1;
        int appendAt = base.text.length();
        for (Item item : baseItems) {
            seen.add(normal(item.text()));
            switch (item.kind()) {
                case IMPORT, FUTURE_IMPORT -> {
                    imports.add(normal(item.text()));
                    importAt = item.statement().end();
                }
                case DOCSTRING -> futureAt = item.statement().end();
                case MAIN -> appendAt = Math.min(appendAt, item.statement().start());
                case CLASS -> {
                    classes.put(item.name(), item);
                    names.add(item.name());
                }
                case DEF, ASSIGN -> names.add(item.name());
                default -> {}
            }
        }
        int firstStatement =
                baseItems.isEmpty() ? 0 : baseItems.get(0).statement().start();
        if (importAt < 0) {
            importAt = futureAt >= 0 ? futureAt : firstStatement;
        }
        if (futureAt < 0) {
            futureAt = firstStatement;
        }
        Map<String, List<String>> classMembers = new HashMap<>();

        for (TestMerger.Part part : parts.subList(1, parts.size())) {
            Source src = new Source(part.text(), Syntax.PYTHON);
            List<Item> partItems = items(src);
            Map<String, String> renames = new HashMap<>();
            List<Item> append = new ArrayList<>();
            Map<String, Item> sameClasses = new LinkedHashMap<>();
            for (Item item : partItems) {
                String n = normal(item.text());
                switch (item.kind()) {
                    case IMPORT, FUTURE_IMPORT -> {
                        if (imports.add(n)) {
                            inserts.add(new Insert(
                                    item.kind() == Kind.FUTURE_IMPORT ? futureAt : importAt,
                                    Piece.IMPORT,
                                    item.text()));
                        }
                        continue;
                    }
                    case DOCSTRING, MAIN -> {
                        continue;
                    }
                    default -> {}
                }
                if (seen.contains(n)) {
                    continue;
                }
                if (item.kind() == Kind.CLASS && classes.containsKey(item.name())) {
                    sameClasses.put(item.name(), item);
                    continue;
                }
                if (item.name() != null && names.contains(item.name())) {
                    Set<String> taken = new HashSet<>(names);
                    taken.addAll(renames.values());
                    renames.put(item.name(), TestMerger.unique(item.name(), suffix(item.name(), part.part()), taken));
                }
                append.add(item);
            }
            for (Item item : append) {
                String text = Source.rename(item.text(), Syntax.PYTHON, renames, Set.of());
                inserts.add(new Insert(appendAt, Piece.TOP, text));
                seen.add(normal(item.text()));
                String name = item.name() == null ? null : renames.getOrDefault(item.name(), item.name());
                if (name != null) {
                    names.add(name);
                }
            }
            for (Item partClass : sameClasses.values()) {
                Item baseClass = classes.get(partClass.name());
                List<String> added = classMembers.computeIfAbsent(baseClass.name(), k -> new ArrayList<>());
                String body =
                        mergeClassBody(base.text(baseClass.statement()), added, partClass.text(), renames, part.part());
                if (!body.isEmpty()) {
                    inserts.add(new Insert(baseClass.statement().end(), Piece.MEMBER, body));
                }
            }
        }
        return render(base.text, inserts);
    }

    /**
     * The members of a part's class that the base's class lacks, indented like the base's body, renamed where the
     * name is taken ({@code self.name} and {@code cls.name} references follow).
     */
    private static String mergeClassBody(
            String baseClass, List<String> added, String partClass, Map<String, String> moduleRenames, int part) {
        String indent = bodyIndent(baseClass);
        List<Item> baseMembers = new ArrayList<>(members(baseClass));
        added.forEach(a -> baseMembers.addAll(items(new Source(a, Syntax.PYTHON))));
        Set<String> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Item m : baseMembers) {
            seen.add(normal(m.text()));
            if (m.name() != null) {
                names.add(m.name());
            }
        }
        Map<String, String> renames = new HashMap<>(moduleRenames);
        List<Item> append = new ArrayList<>();
        for (Item m : members(partClass)) {
            if (m.kind() == Kind.DOCSTRING || seen.contains(normal(m.text()))) {
                continue;
            }
            if (m.name() != null && names.contains(m.name())) {
                Set<String> taken = new HashSet<>(names);
                taken.addAll(renames.values());
                renames.put(m.name(), TestMerger.unique(m.name(), suffix(m.name(), part), taken));
            }
            append.add(m);
        }
        StringBuilder out = new StringBuilder();
        for (Item m : append) {
            String text = Source.rename(m.text(), Syntax.PYTHON, renames, SELF);
            added.add(text);
            out.append('\n').append(indent(text, indent));
            if (m.name() != null) {
                names.add(renames.getOrDefault(m.name(), m.name()));
            }
        }
        return out.toString();
    }

    /** A class statement's members: its body (after the header's colon) dedented and cut into statements. */
    private static List<Item> members(String classText) {
        Source src = new Source(classText, Syntax.PYTHON);
        Matcher m = Pattern.compile("(?m)^\\s*class\\b").matcher(classText);
        int from = m.find() ? m.end() : 0;
        int colon = -1;
        for (int i = from; i < classText.length(); i++) {
            if (src.kind[i] == Source.CODE && src.depth[i] == 0 && classText.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        int nl = colon < 0 ? -1 : classText.indexOf('\n', colon);
        if (nl < 0) {
            return List.of();
        }
        String indent = bodyIndent(classText);
        StringBuilder body = new StringBuilder();
        for (String line : classText.substring(nl + 1).split("\n", -1)) {
            body.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading())
                    .append('\n');
        }
        return items(new Source(body.toString(), Syntax.PYTHON));
    }

    /** The indentation of a class's body: that of the first non-blank line after the {@code class} line. */
    private static String bodyIndent(String classText) {
        String[] lines = classText.split("\n");
        boolean afterClass = false;
        for (String line : lines) {
            String stripped = line.strip();
            if (!afterClass) {
                if (CLASS.matcher(stripped).find() && stripped.endsWith(":")) {
                    afterClass = true;
                }
                continue;
            }
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                return line.substring(0, line.length() - line.stripLeading().length());
            }
        }
        return "    ";
    }

    private static String indent(String text, String indent) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.isBlank() ? "" : indent + line).append('\n');
        }
        String s = out.toString();
        while (s.endsWith("\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static List<Item> items(Source src) {
        List<Item> out = new ArrayList<>();
        boolean first = true;
        for (Statement s : src.statements()) {
            String code = src.code(s);
            String head = firstNonDecoratorLine(code);
            Kind kind;
            String name = null;
            Matcher def = DEF.matcher(head);
            Matcher cls = CLASS.matcher(head);
            Matcher assign = ASSIGN.matcher(head);
            if (head.startsWith("from __future__ ")) {
                kind = Kind.FUTURE_IMPORT;
            } else if (head.startsWith("import ") || head.startsWith("from ")) {
                kind = Kind.IMPORT;
            } else if (first && src.kind[s.code()] == Source.STRING) {
                kind = Kind.DOCSTRING;
            } else if (head.matches("^if\\s+__name__\\s*==.*")) {
                kind = Kind.MAIN;
            } else if (def.find()) {
                kind = Kind.DEF;
                name = def.group(1);
            } else if (cls.find()) {
                kind = Kind.CLASS;
                name = cls.group(1);
            } else if (assign.find()) {
                kind = Kind.ASSIGN;
                name = assign.group(1);
            } else {
                kind = Kind.OTHER;
            }
            out.add(new Item(kind, name, s, src.text(s)));
            first = false;
        }
        return out;
    }

    private static String firstNonDecoratorLine(String code) {
        for (String line : code.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("@") && !l.startsWith("#")) {
                return l;
            }
        }
        return code.strip();
    }

    /** {@code _partN} for functions and variables, {@code _PARTN} for constants, {@code PartN} for classes. */
    private static String suffix(String name, int part) {
        if (Character.isUpperCase(name.charAt(0)) && !name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
            return "Part" + part;
        }
        return name.equals(name.toUpperCase(java.util.Locale.ROOT))
                        && name.chars().anyMatch(Character::isLetter)
                ? "_PART" + part
                : "_part" + part;
    }

    /** What is spliced into the base: an import line, members of one of its classes, or a top-level statement. */
    enum Piece {
        IMPORT,
        MEMBER,
        TOP
    }

    record Insert(int at, Piece piece, String text) {}

    /**
     * The base with each insertion spliced in at its offset (in the order they were made): imports one per line,
     * class members as given, top-level statements two blank lines apart from what precedes and follows them.
     */
    private static String render(String text, List<Insert> inserts) {
        List<Insert> ordered = new ArrayList<>(inserts);
        ordered.sort(java.util.Comparator.comparingInt(Insert::at));
        StringBuilder out = new StringBuilder();
        int at = 0;
        int i = 0;
        while (i < ordered.size()) {
            int pos = Math.min(ordered.get(i).at(), text.length());
            out.append(text, at, pos);
            boolean top = false;
            for (; i < ordered.size() && Math.min(ordered.get(i).at(), text.length()) == pos; i++) {
                Insert in = ordered.get(i);
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                switch (in.piece()) {
                    case IMPORT -> out.append(in.text().strip()).append('\n');
                    case MEMBER -> out.append(in.text());
                    case TOP -> {
                        trimTrailingBlankLines(out);
                        out.append(out.length() == 0 ? "" : "\n\n")
                                .append(in.text().strip())
                                .append('\n');
                        top = true;
                    }
                }
            }
            if (top && pos < text.length()) {
                while (pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                out.append("\n\n");
            }
            at = pos;
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    /** Leaves {@code out} ending with a single newline. */
    private static void trimTrailingBlankLines(StringBuilder out) {
        while (out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    private static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
