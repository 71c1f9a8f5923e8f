package dev.nightshift.sinkapi.merge;

import dev.nightshift.sinkapi.merge.Source.Statement;
import dev.nightshift.sinkapi.merge.Source.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go: the base file as written, keeping its {@code package} clause; each later part's imports join the base's
 * (one {@code import ( … )} block; a path already imported under the same name is not repeated), and its
 * declarations are appended. A function, type, variable or constant whose name is taken becomes
 * {@code NamePartN} ({@code TestGreets} → {@code TestGreetsPart2}, still a test), and the part's references
 * follow; {@code init} functions are kept as they are (Go allows several). A declaration identical to one already
 * there is left out. Two different methods of one type with the same name, or two different {@code TestMain}s,
 * cannot be merged.
 */
final class GoTestMerge implements TestMerger.Language {
    private static final Pattern FUNC = Pattern.compile("^func\\s+([A-Za-z_]\\w*)\\s*[\\[(]");
    private static final Pattern METHOD =
            Pattern.compile("^func\\s*\\(\\s*(?:\\w+\\s+)?\\*?\\s*([A-Za-z_]\\w*)[^)]*\\)\\s*([A-Za-z_]\\w*)");
    private static final Pattern SINGLE = Pattern.compile("^(?:var|const|type)\\s+([A-Za-z_]\\w*)");
    private static final Pattern GROUP = Pattern.compile("^(?:var|const|type)\\s*\\(");
    private static final Pattern SPEC_NAMES = Pattern.compile("(?m)^\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)");
    private static final Pattern IMPORT_SPEC = Pattern.compile("(?:([A-Za-z_]\\w*|\\.)\\s+)?(\"[^\"]+\"|`[^`]+`)");

    enum Kind {
        PACKAGE,
        IMPORT,
        FUNC,
        METHOD,
        DECL,
        OTHER
    }

    record Item(Kind kind, Set<String> names, String text, Statement statement) {}

    @Override
    public String merge(String mergeInto, List<TestMerger.Part> parts) {
        Source base = new Source(parts.get(0).text(), Syntax.GO);
        List<Item> baseItems = items(base);
        Set<String> specs = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> methods = new HashSet<>();
        Item lastImport = null;
        Item packageClause = null;
        for (Item item : baseItems) {
            seen.add(normal(item.text()));
            switch (item.kind()) {
                case PACKAGE -> packageClause = item;
                case IMPORT -> {
                    specs.addAll(importSpecs(item.text()));
                    lastImport = item;
                }
                case METHOD -> methods.addAll(item.names());
                case FUNC, DECL -> names.addAll(item.names());
                default -> {}
            }
        }
        Set<String> newSpecs = new LinkedHashSet<>();
        StringBuilder appended = new StringBuilder();
        for (TestMerger.Part part : parts.subList(1, parts.size())) {
            Source src = new Source(part.text(), Syntax.GO);
            Map<String, String> renames = new HashMap<>();
            List<Item> append = new ArrayList<>();
            for (Item item : items(src)) {
                if (item.kind() == Kind.PACKAGE) {
                    continue;
                }
                if (item.kind() == Kind.IMPORT) {
                    for (String spec : importSpecs(item.text())) {
                        if (!specs.contains(spec)) {
                            specs.add(spec);
                            newSpecs.add(spec);
                        }
                    }
                    continue;
                }
                if (seen.contains(normal(item.text()))) {
                    continue;
                }
                for (String name : item.names()) {
                    if (item.kind() != Kind.METHOD
                            && names.contains(name)
                            && !name.equals("init")
                            && !name.equals("_")) {
                        if (name.equals("TestMain")) {
                            throw new MergeException("part " + part.part() + " (" + part.path()
                                    + ") declares a TestMain of its own; a package has one");
                        }
                        Set<String> taken = new HashSet<>(names);
                        taken.addAll(renames.values());
                        renames.put(name, TestMerger.unique(name, "Part" + part.part(), taken));
                    }
                }
                append.add(item);
            }
            for (Item item : append) {
                if (item.kind() == Kind.METHOD) {
                    String key = item.names().iterator().next();
                    String type = key.substring(0, key.indexOf('.'));
                    if (methods.contains(renames.getOrDefault(type, type) + key.substring(key.indexOf('.')))) {
                        throw new MergeException("part " + part.part() + " (" + part.path() + ") declares method " + key
                                + " differently from an earlier part");
                    }
                }
            }
            for (Item item : append) {
                String renamed = Source.rename(item.text(), Syntax.GO, renames, Set.of());
                appended.append('\n').append(renamed.strip()).append('\n');
                seen.add(normal(item.text()));
                if (item.kind() == Kind.METHOD) {
                    String key = item.names().iterator().next();
                    String type = key.substring(0, key.indexOf('.'));
                    methods.add(renames.getOrDefault(type, type) + key.substring(key.indexOf('.')));
                } else {
                    item.names().forEach(n -> names.add(renames.getOrDefault(n, n)));
                }
            }
        }
        return render(base.text, packageClause, lastImport, newSpecs, appended.toString());
    }

    /** The base with the new import specs in its import block (or a new one after the package clause) and the parts' declarations at the end. */
    private static String render(
            String text, Item packageClause, Item lastImport, Set<String> newSpecs, String appended) {
        StringBuilder out = new StringBuilder(text.length() + appended.length() + 64);
        if (newSpecs.isEmpty()) {
            out.append(text);
        } else if (lastImport != null && lastImport.text().contains("(")) {
            int close = text.lastIndexOf(')', lastImport.statement().end() - 1);
            int lineStart = text.lastIndexOf('\n', close - 1) + 1;
            boolean alone = text.substring(lineStart, close).isBlank();
            int insertAt = alone ? lineStart : close;
            out.append(text, 0, insertAt);
            if (!alone) {
                out.append('\n');
            }
            newSpecs.forEach(s -> out.append('\t').append(s).append('\n'));
            out.append(text, insertAt, text.length());
        } else if (lastImport != null) {
            int at = lastImport.statement().end();
            out.append(text, 0, at);
            if (out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            newSpecs.forEach(s -> out.append("import ").append(s).append('\n'));
            out.append(text, at, text.length());
        } else {
            int at = packageClause == null ? 0 : packageClause.statement().end();
            out.append(text, 0, at);
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append("\nimport (\n");
            newSpecs.forEach(s -> out.append('\t').append(s).append('\n'));
            out.append(")\n");
            out.append(text, at, text.length());
        }
        if (!appended.isEmpty()) {
            while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('\n').append(appended);
        }
        return out.toString();
    }

    /** Each import of a declaration as {@code "path"} or {@code alias "path"}. */
    private static List<String> importSpecs(String declaration) {
        String importDecl = declaration.strip().replaceFirst("^import\\b", "");
        Source src = new Source(importDecl, Syntax.GO);
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT_SPEC.matcher(importDecl);
        while (m.find()) {
            if (src.kind[m.start(2)] != Source.STRING || m.start(1) >= 0 && src.kind[m.start(1)] != Source.CODE) {
                continue;
            }
            out.add(m.group(1) == null ? m.group(2) : m.group(1) + " " + m.group(2));
        }
        return out;
    }

    private static List<Item> items(Source src) {
        List<Item> out = new ArrayList<>();
        for (Statement s : src.statements()) {
            String code = src.code(s);
            String text = src.text(s);
            Matcher func = FUNC.matcher(code);
            Matcher method = METHOD.matcher(code);
            Matcher single = SINGLE.matcher(code);
            if (code.startsWith("package ")) {
                out.add(new Item(Kind.PACKAGE, Set.of(), text, s));
            } else if (Source.startsWithWord(code, "import")) {
                out.add(new Item(Kind.IMPORT, Set.of(), text, s));
            } else if (func.find()) {
                out.add(new Item(Kind.FUNC, Set.of(func.group(1)), text, s));
            } else if (method.find()) {
                out.add(new Item(Kind.METHOD, Set.of(method.group(1) + "." + method.group(2)), text, s));
            } else if (GROUP.matcher(code).find()) {
                Set<String> names = new LinkedHashSet<>();
                Source inner = new Source(code, Syntax.GO);
                Matcher spec = SPEC_NAMES.matcher(code);
                while (spec.find()) {
                    if (inner.kind[spec.start(1)] == Source.CODE && inner.depth[spec.start(1)] == 1) {
                        for (String n : spec.group(1).split("\\s*,\\s*")) {
                            names.add(n.strip());
                        }
                    }
                }
                out.add(new Item(Kind.DECL, names, text, s));
            } else if (single.find()) {
                out.add(new Item(Kind.DECL, Set.of(single.group(1)), text, s));
            } else {
                out.add(new Item(Kind.OTHER, Set.of(), text, s));
            }
        }
        return out;
    }

    private static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
