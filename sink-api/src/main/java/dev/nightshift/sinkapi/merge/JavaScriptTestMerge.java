package dev.nightshift.sinkapi.merge;

import dev.nightshift.sinkapi.merge.Source.Statement;
import dev.nightshift.sinkapi.merge.Source.Syntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaScript and TypeScript (Jest, Vitest, Mocha, node:test): the base file as written, with each later part's
 * imports and {@code require}s after its last one — only the bindings it lacks (an {@code import { a, b }} of which
 * {@code a} is already imported adds {@code import { b }}; a name bound to something else is imported under
 * {@code namePartN}) — and the part's other top-level statements appended. A top-level function, class or
 * variable whose name is taken becomes {@code namePartN}, and the part's references follow; a {@code describe},
 * {@code it} or {@code test} title the file already has becomes {@code 'title (part N)'}. Statements identical to
 * one already there are left out.
 */
final class JavaScriptTestMerge implements TestMerger.Language {
    private static final Pattern ES_IMPORT = Pattern.compile(
            "^import\\s+(type\\s+)?(?:([A-Za-z_$][\\w$]*)\\s*(?:,\\s*)?)?(?:\\*\\s*as\\s+([A-Za-z_$][\\w$]*)\\s*)?"
                    + "(?:\\{([^}]*)\\}\\s*)?from\\s*(['\"])([^'\"]+)\\5\\s*;?\\s*$",
            Pattern.DOTALL);
    private static final Pattern SIDE_EFFECT_IMPORT = Pattern.compile("^import\\s*(['\"])([^'\"]+)\\1\\s*;?\\s*$");
    private static final Pattern REQUIRE = Pattern.compile(
            "^(const|let|var)\\s+(\\{[^}]*\\}|[A-Za-z_$][\\w$]*)\\s*=\\s*require\\(\\s*(['\"])([^'\"]+)\\3\\s*\\)"
                    + "(\\.[A-Za-z_$][\\w$]*)?\\s*;?\\s*$",
            Pattern.DOTALL);
    private static final Pattern DECLARATION = Pattern.compile(
            "^(?:export\\s+)?(?:(?:async\\s+)?function\\s*\\*?\\s*([A-Za-z_$][\\w$]*)|class\\s+([A-Za-z_$][\\w$]*)"
                    + "|(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=)");
    private static final Pattern TITLED_CALL = Pattern.compile(
            "\\b(?:describe|it|test|context|suite|specify)(?:\\.(?:only|skip|concurrent|todo|failing|sequential|serial))*\\s*\\(\\s*");

    enum Kind {
        IMPORT,
        DIRECTIVE,
        DECLARATION,
        OTHER
    }

    /** An import or require: the module, and each local name with the name it imports ({@code default}, {@code *}). */
    record Binding(String local, String imported) {}

    record Import(
            String module,
            String keyword,
            boolean es,
            boolean typeOnly,
            boolean destructured,
            String member,
            List<Binding> bindings) {}

    @Override
    public String merge(String mergeInto, List<TestMerger.Part> parts) {
        Source base = new Source(parts.get(0).text(), Syntax.JAVASCRIPT);
        List<Statement> statements = base.statements();
        Map<String, String> bound = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> titles = titles(base);
        int importAt = -1;
        int firstCode = -1;
        for (Statement s : statements) {
            String code = base.code(s);
            seen.add(normal(code));
            Kind kind = kind(code);
            if (kind == Kind.IMPORT) {
                importAt = s.end();
                Import imp = parseImport(code);
                if (imp != null) {
                    imp.bindings().forEach(b -> bound.put(b.local(), imp.module() + "#" + b.imported()));
                }
            } else if (kind == Kind.DECLARATION) {
                bound.put(declared(code), "");
            } else if (kind != Kind.DIRECTIVE && firstCode < 0) {
                firstCode = s.start();
            }
        }
        if (importAt < 0) {
            importAt = firstCode >= 0 ? firstCode : base.text.length();
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder appended = new StringBuilder();
        for (TestMerger.Part part : parts.subList(1, parts.size())) {
            Source src = new Source(part.text(), Syntax.JAVASCRIPT);
            Map<String, String> renames = new HashMap<>();
            List<String> body = new ArrayList<>();
            List<String> declared = new ArrayList<>();
            for (Statement s : src.statements()) {
                String code = src.code(s);
                Kind kind = kind(code);
                if (kind == Kind.DIRECTIVE || seen.contains(normal(code))) {
                    continue;
                }
                if (kind == Kind.IMPORT) {
                    String kept = mergeImport(code, bound, renames, part.part());
                    if (kept != null) {
                        imports.append(kept).append('\n');
                        seen.add(normal(code));
                    }
                    continue;
                }
                if (kind == Kind.DECLARATION) {
                    String name = declared(code);
                    if (bound.containsKey(name)) {
                        Set<String> taken = new HashSet<>(bound.keySet());
                        taken.addAll(renames.values());
                        renames.put(name, TestMerger.unique(name, "Part" + part.part(), taken));
                    }
                    declared.add(name);
                }
                body.add(src.text(s));
                seen.add(normal(code));
            }
            declared.forEach(name -> bound.put(renames.getOrDefault(name, name), ""));
            for (String text : body) {
                String renamed =
                        retitle(Source.rename(text, Syntax.JAVASCRIPT, renames, Set.of()), titles, part.part());
                appended.append('\n').append(renamed.strip()).append('\n');
            }
        }
        return splice(base.text, importAt, imports.toString(), appended.toString());
    }

    /**
     * A part's import or require with the bindings the file lacks: {@code null} when it adds none. A local name the
     * file binds to something else is imported under a new name, recorded in {@code renames}.
     */
    private static String mergeImport(String code, Map<String, String> bound, Map<String, String> renames, int part) {
        Import imp = parseImport(code);
        if (imp == null) {
            return code.strip();
        }
        if (imp.bindings().isEmpty()) {
            String key = imp.module() + "#";
            return bound.putIfAbsent(key, key) == null ? code.strip() : null;
        }
        List<Binding> keep = new ArrayList<>();
        boolean changed = false;
        for (Binding b : imp.bindings()) {
            String target = imp.module() + "#" + b.imported();
            String have = bound.get(b.local());
            if (target.equals(have)) {
                changed = true;
                continue;
            }
            if (have != null) {
                Set<String> taken = new HashSet<>(bound.keySet());
                taken.addAll(renames.values());
                String local = TestMerger.unique(b.local(), "Part" + part, taken);
                renames.put(b.local(), local);
                keep.add(new Binding(local, b.imported()));
                bound.put(local, target);
                changed = true;
                continue;
            }
            keep.add(b);
            bound.put(b.local(), target);
        }
        if (keep.isEmpty()) {
            return null;
        }
        return changed ? render(imp, keep) : code.strip();
    }

    private static String render(Import imp, List<Binding> keep) {
        String quote = "'";
        if (!imp.es()) {
            if (!imp.destructured()) {
                return imp.keyword() + " " + keep.get(0).local() + " = require(" + quote + imp.module() + quote + ")"
                        + (imp.member() == null ? "" : imp.member()) + ";";
            }
            List<String> specs = new ArrayList<>();
            for (Binding b : keep) {
                specs.add(b.imported().equals(b.local()) ? b.local() : b.imported() + ": " + b.local());
            }
            return imp.keyword() + " { " + String.join(", ", specs) + " } = require(" + quote + imp.module() + quote
                    + ")" + (imp.member() == null ? "" : imp.member()) + ";";
        }
        String def = null;
        String ns = null;
        List<String> named = new ArrayList<>();
        for (Binding b : keep) {
            switch (b.imported()) {
                case "default" -> def = b.local();
                case "*" -> ns = b.local();
                default -> named.add(b.imported().equals(b.local()) ? b.local() : b.imported() + " as " + b.local());
            }
        }
        String from = " from " + quote + imp.module() + quote + ";";
        String type = imp.typeOnly() ? "type " : "";
        List<String> lines = new ArrayList<>();
        if (ns != null) {
            lines.add("import " + type + (def != null ? def + ", " : "") + "* as " + ns + from);
            def = null;
        }
        if (def != null || !named.isEmpty()) {
            lines.add("import " + type + (def != null ? def + (named.isEmpty() ? "" : ", ") : "")
                    + (named.isEmpty() ? "" : "{ " + String.join(", ", named) + " }") + from);
        }
        return String.join("\n", lines);
    }

    static Import parseImport(String code) {
        String c = code.strip();
        Matcher m = SIDE_EFFECT_IMPORT.matcher(c);
        if (m.matches()) {
            return new Import(m.group(2), "import", true, false, false, null, List.of());
        }
        m = ES_IMPORT.matcher(c);
        if (m.matches()) {
            List<Binding> bindings = new ArrayList<>();
            if (m.group(2) != null) {
                bindings.add(new Binding(m.group(2), "default"));
            }
            if (m.group(3) != null) {
                bindings.add(new Binding(m.group(3), "*"));
            }
            if (m.group(4) != null) {
                for (String spec : m.group(4).split(",")) {
                    String sp = spec.strip().replaceFirst("^type\\s+", "");
                    if (sp.isEmpty()) {
                        continue;
                    }
                    String[] asParts = sp.split("\\s+as\\s+");
                    bindings.add(new Binding(asParts[asParts.length - 1].strip(), asParts[0].strip()));
                }
            }
            return new Import(m.group(6), "import", true, m.group(1) != null, m.group(4) != null, null, bindings);
        }
        m = REQUIRE.matcher(c);
        if (m.matches()) {
            String pattern = m.group(2);
            List<Binding> bindings = new ArrayList<>();
            boolean destructured = pattern.startsWith("{");
            if (destructured) {
                for (String spec : pattern.substring(1, pattern.length() - 1).split(",")) {
                    String sp = spec.strip().replaceFirst("\\s*=.*$", "");
                    if (sp.isEmpty()) {
                        continue;
                    }
                    String[] kv = sp.split("\\s*:\\s*");
                    bindings.add(new Binding(kv[kv.length - 1].strip(), kv[0].strip()));
                }
            } else {
                bindings.add(new Binding(
                        pattern, m.group(5) == null ? "default" : m.group(5).substring(1)));
            }
            return new Import(m.group(4), m.group(1), false, false, destructured, m.group(5), bindings);
        }
        return null;
    }

    static Kind kind(String code) {
        String c = code.strip();
        if (c.startsWith("'use strict'") || c.startsWith("\"use strict\"")) {
            return Kind.DIRECTIVE;
        }
        if (c.startsWith("import")
                && !c.startsWith("import(")
                && !c.startsWith("import.")
                && Source.startsWithWord(c, "import")) {
            return Kind.IMPORT;
        }
        if (REQUIRE.matcher(c).matches() || c.matches("^require\\(\\s*['\"][^'\"]+['\"]\\s*\\)\\s*;?$")) {
            return Kind.IMPORT;
        }
        return DECLARATION.matcher(c).find() ? Kind.DECLARATION : Kind.OTHER;
    }

    static String declared(String code) {
        Matcher m = DECLARATION.matcher(code.strip());
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** Every title of a describe/it/test call in the file, as written inside its quotes. */
    private static Set<String> titles(Source src) {
        Set<String> out = new HashSet<>();
        for (int[] t : titleSpans(src)) {
            out.add(src.text.substring(t[0], t[1]));
        }
        return out;
    }

    /** Where each literal title starts and ends (inside the quotes) in the file. */
    private static List<int[]> titleSpans(Source src) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TITLED_CALL.matcher(src.text);
        while (m.find()) {
            int q = m.end();
            if (m.start() >= src.kind.length || src.kind[m.start()] != Source.CODE || q >= src.text.length()) {
                continue;
            }
            char quote = src.text.charAt(q);
            if (quote != '\'' && quote != '"' && quote != '`') {
                continue;
            }
            int end = q + 1;
            while (end < src.text.length() && src.kind[end] == Source.STRING && src.text.charAt(end) != quote) {
                end += src.text.charAt(end) == '\\' ? 2 : 1;
            }
            String title = src.text.substring(q + 1, Math.min(end, src.text.length()));
            if (!title.contains("${")) {
                spans.add(new int[] {q + 1, Math.min(end, src.text.length())});
            }
        }
        return spans;
    }

    /** The part's statement with each title the file already has suffixed with the part. */
    private static String retitle(String text, Set<String> titles, int part) {
        Source src = new Source(text, Syntax.JAVASCRIPT);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] span : titleSpans(src)) {
            String title = text.substring(span[0], span[1]);
            if (titles.contains(title)) {
                String next = title + " (part " + part + ")";
                for (int i = 2; titles.contains(next); i++) {
                    next = title + " (part " + part + ", " + i + ")";
                }
                out.append(text, at, span[0]).append(next);
                at = span[1];
                titles.add(next);
            } else {
                titles.add(title);
            }
        }
        out.append(text, at, text.length());
        return out.toString();
    }

    private static String splice(String base, int importAt, String imports, String appended) {
        StringBuilder out = new StringBuilder(base.length() + imports.length() + appended.length() + 8);
        out.append(base, 0, importAt);
        if (!imports.isEmpty()) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(imports);
        }
        out.append(base, importAt, base.length());
        if (!appended.isEmpty()) {
            while (out.length() > 0 && Character.isWhitespace(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('\n').append(appended);
        }
        return out.toString();
    }

    private static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
