package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python: reads top-level functions and classes (indentation, guards that raise, one-expression
 * returns, {@code __init__} assignments) and writes a pytest module or a unittest TestCase.
 */
final class PythonTests extends LanguageWriter {
    private static final Pattern DEF = Pattern.compile("^(async\\s+)?def\\s+([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern CLASS = Pattern.compile("^class\\s+([A-Za-z_]\\w*)\\s*(?:\\((.*)\\))?\\s*:");
    private static final Pattern RAISE =
            Pattern.compile("^raise\\s+([A-Za-z_][\\w.]*)\\s*(\\(.*\\))?\\s*$", Pattern.DOTALL);
    private static final Set<String> BUILTIN_EXCEPTIONS = Set.of(
            "ValueError",
            "TypeError",
            "ZeroDivisionError",
            "KeyError",
            "IndexError",
            "RuntimeError",
            "ArithmeticError",
            "LookupError",
            "AttributeError",
            "NotImplementedError",
            "OverflowError",
            "Exception",
            "AssertionError",
            "PermissionError",
            "FileNotFoundError",
            "OSError");
    private static final Set<String> KEYWORDS = Set.of(
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            "self",
            "cls");
    private static final Set<String> BUILTINS = Set.of(
            "len",
            "str",
            "int",
            "float",
            "bool",
            "abs",
            "min",
            "max",
            "round",
            "sum",
            "sorted",
            "reversed",
            "range",
            "enumerate",
            "zip",
            "list",
            "dict",
            "set",
            "frozenset",
            "tuple",
            "isinstance",
            "map",
            "filter",
            "any",
            "all",
            "repr",
            "print",
            "chr",
            "ord",
            "divmod",
            "pow",
            "hash",
            "format",
            "type",
            "iter",
            "ValueError",
            "TypeError",
            "KeyError",
            "IndexError",
            "ZeroDivisionError",
            "super",
            "object",
            "NotImplemented");
    private static final Set<String> PURE_MODULES = Set.of(
            "math",
            "re",
            "string",
            "itertools",
            "functools",
            "collections",
            "operator",
            "decimal",
            "fractions",
            "statistics",
            "textwrap",
            "json",
            "dataclasses",
            "typing",
            "enum",
            "abc",
            "__future__");
    private static final Set<String> FORBIDDEN = Set.of(
            "open",
            "input",
            "exec",
            "eval",
            "compile",
            "__import__",
            "globals",
            "locals",
            "setattr",
            "delattr",
            "exit",
            "quit",
            "breakpoint",
            "global",
            "nonlocal",
            "await",
            "yield",
            "raise",
            "while");

    private final Map<String, String> bindings = new LinkedHashMap<>();
    private String prefix = "";
    private String importLine;
    private String primary;
    private final Map<String, List<String>> classBases = new HashMap<>();
    private final Set<String> exceptionNames = new LinkedHashSet<>();

    PythonTests(TestJob job) {
        super(job);
    }

    // ------------------------------------------------------------------ reading

    private record Block(
            int indent, String header, List<String> body, List<String> maskedBody, List<String> decorators) {}

    private record Def(
            String name, String params, String returnHint, List<String> body, List<String> decorators, boolean async) {}

    @Override
    List<Fact> facts() {
        String masked = Source.mask(job.code(), Dialect.PYTHON, true);
        String plain = Source.mask(job.code(), Dialect.PYTHON, false);
        List<String> plainLines = List.of(plain.split("\n", -1));
        List<String> maskedLines = List.of(masked.split("\n", -1));
        Module module = module(plainLines, maskedLines);
        imports(module);
        List<Callable> functions = new ArrayList<>();
        List<TypeUnit> types = new ArrayList<>();
        for (Def d : module.functions) {
            if (d.name().startsWith("_") || !bound(d.name())) {
                continue;
            }
            Callable c = callable(Callable.Role.FUNCTION, null, d, module, null);
            if (c != null) {
                functions.add(c);
            }
        }
        for (Map.Entry<String, List<Def>> cls : module.classes.entrySet()) {
            String name = cls.getKey();
            if (name.startsWith("_") || !bound(name) || exceptionNames.contains(name)) {
                continue;
            }
            types.add(type(name, cls.getValue(), module));
        }
        List<String> names = new ArrayList<>();
        module.order.forEach(n -> {
            if (!n.startsWith("_") && bound(n)) {
                names.add(n);
            }
        });
        primary = names.isEmpty()
                ? (bindings.isEmpty() ? null : bindings.keySet().iterator().next())
                : names.get(0);
        boolean isType = primary != null && module.classes.containsKey(primary);
        Outline outline = new Outline(primary, isType, types, functions, module.constantInits);
        return Planner.plan(outline, new PythonSyntax());
    }

    private boolean bound(String name) {
        return !prefix.isEmpty() || bindings.containsKey(name);
    }

    private String ref(String name) {
        return prefix.isEmpty() ? bindings.getOrDefault(name, name) : prefix + name;
    }

    private static final class Module {
        final List<Def> functions = new ArrayList<>();
        final Map<String, List<Def>> classes = new LinkedHashMap<>();
        final Map<String, Map<String, String>> classAttrs = new HashMap<>();
        final Set<String> constants = new LinkedHashSet<>();
        final Map<String, String> constantInits = new LinkedHashMap<>();
        final Set<String> importedPure = new LinkedHashSet<>();
        final Set<String> importedOther = new LinkedHashSet<>();
        final List<String> order = new ArrayList<>();
    }

    private Module module(List<String> plain, List<String> masked) {
        Module m = new Module();
        List<Block> blocks = blocks(plain, masked, 0, plain.size(), 0);
        for (Block b : blocks) {
            String h = b.header();
            Matcher def = DEF.matcher(h);
            Matcher cls = CLASS.matcher(h);
            if (def.find()) {
                Def d = def(b, def);
                if (d != null) {
                    m.functions.add(d);
                    m.order.add(d.name());
                }
            } else if (cls.find()) {
                String name = cls.group(1);
                List<String> bases = cls.group(2) == null ? List.of() : Source.splitTopLevel(cls.group(2), ',');
                classBases.put(name, bases);
                List<Def> defs = new ArrayList<>();
                Map<String, String> attrs = new LinkedHashMap<>();
                List<Block> inner = blocks(b.body(), b.maskedBody(), 0, b.body().size(), indentOf(b.maskedBody()));
                for (Block ib : inner) {
                    Matcher idef = DEF.matcher(ib.header());
                    if (idef.find()) {
                        Def d = def(ib, idef);
                        if (d != null) {
                            defs.add(d);
                        }
                    } else {
                        Matcher attr = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]+)?=\\s*(.+)$")
                                .matcher(ib.header());
                        if (attr.find()) {
                            attrs.put(attr.group(1), attr.group(2).trim());
                        } else if (ib.header().matches("^[A-Za-z_]\\w*\\s*:.*")) {
                            attrs.put(ib.header().replaceAll("\\s*:.*$", ""), null); // dataclass field
                        }
                    }
                }
                m.classes.put(name, defs);
                m.classAttrs.put(name, attrs);
                m.order.add(name);
                boolean exception = bases.stream()
                        .anyMatch(base -> BUILTIN_EXCEPTIONS.contains(base)
                                || base.endsWith("Error")
                                || base.endsWith("Exception")
                                || exceptionNames.contains(base));
                if (exception) {
                    exceptionNames.add(name);
                }
                if (!b.decorators().isEmpty()) {
                    m.classAttrs.get(name).put("__decorated__", String.join(" ", b.decorators()));
                }
            } else {
                Matcher imp = Pattern.compile("^import\\s+(.+)$").matcher(h);
                Matcher from =
                        Pattern.compile("^from\\s+([\\w.]+)\\s+import\\s+(.+)$").matcher(h);
                if (from.find()) {
                    boolean pure = PURE_MODULES.contains(from.group(1).split("\\.")[0]);
                    for (String n : Source.splitTopLevel(from.group(2).replaceAll("[()]", ""), ',')) {
                        String local = n.contains(" as ")
                                ? n.substring(n.indexOf(" as ") + 4).trim()
                                : n.trim();
                        (pure ? m.importedPure : m.importedOther).add(local);
                    }
                } else if (imp.find()) {
                    for (String n : Source.splitTopLevel(imp.group(1), ',')) {
                        String local = n.contains(" as ")
                                ? n.substring(n.indexOf(" as ") + 4).trim()
                                : n.trim().split("\\.")[0];
                        (PURE_MODULES.contains(n.trim().split("[.\\s]")[0]) ? m.importedPure : m.importedOther)
                                .add(local);
                    }
                } else {
                    Matcher assign = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]+)?=(?!=)(.*)$")
                            .matcher(h);
                    if (assign.find()) {
                        m.constants.add(assign.group(1));
                        m.constantInits.put(assign.group(1), assign.group(2).trim());
                    }
                }
            }
        }
        return m;
    }

    private static int indentOf(List<String> lines) {
        for (String l : lines) {
            if (!l.isBlank()) {
                return l.length() - l.stripLeading().length();
            }
        }
        return 0;
    }

    /**
     * Statements at {@code indent}: each with its header (continued over bracketed lines) and the lines
     * indented under it. Decorators are attached to the statement after them.
     */
    private static List<Block> blocks(List<String> plain, List<String> masked, int from, int to, int indent) {
        List<Block> out = new ArrayList<>();
        List<String> decorators = new ArrayList<>();
        int i = from;
        while (i < to) {
            String line = masked.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            int ind = line.length() - line.stripLeading().length();
            if (ind < indent) {
                break;
            }
            if (ind > indent) {
                i++;
                continue;
            }
            StringBuilder header = new StringBuilder(plain.get(i).strip());
            int depth = depth(line);
            int j = i + 1;
            while (depth > 0 && j < to) {
                header.append(' ').append(plain.get(j).strip());
                depth += depth(masked.get(j));
                j++;
            }
            List<String> body = new ArrayList<>();
            List<String> maskedBody = new ArrayList<>();
            while (j < to) {
                String next = masked.get(j);
                if (!next.isBlank() && next.length() - next.stripLeading().length() <= indent) {
                    break;
                }
                body.add(plain.get(j));
                maskedBody.add(next);
                j++;
            }
            while (!body.isEmpty() && maskedBody.get(body.size() - 1).isBlank()) {
                body.remove(body.size() - 1);
                maskedBody.remove(maskedBody.size() - 1);
            }
            String h = header.toString();
            if (h.startsWith("@")) {
                decorators.add(h);
            } else {
                out.add(new Block(indent, h, body, maskedBody, List.copyOf(decorators)));
                decorators.clear();
            }
            i = j;
        }
        return out;
    }

    private static int depth(String maskedLine) {
        int d = 0;
        for (int i = 0; i < maskedLine.length(); i++) {
            char c = maskedLine.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                d++;
            } else if (c == ')' || c == ']' || c == '}') {
                d--;
            }
        }
        return d;
    }

    private static Def def(Block b, Matcher def) {
        String h = b.header();
        int open = h.indexOf('(', def.start());
        int close = Source.close(Source.mask(h, Dialect.PYTHON, true), open);
        if (close < 0) {
            return null;
        }
        String after = h.substring(close + 1).trim();
        String hint = null;
        Matcher arrow = Pattern.compile("^->\\s*(.+?)\\s*:(.*)$").matcher(after);
        List<String> body = new ArrayList<>(b.body());
        if (arrow.find()) {
            hint = arrow.group(1);
            after = ":" + arrow.group(2);
        }
        if (!after.startsWith(":")) {
            return null;
        }
        String inline = after.substring(1).trim();
        if (!inline.isEmpty()) {
            body.add(0, "    " + inline); // def f(): return 1
        }
        return new Def(def.group(2), h.substring(open + 1, close), hint, body, b.decorators(), def.group(1) != null);
    }

    private void imports(Module module) {
        String imports = job.imports() == null ? "" : job.imports().trim();
        if (imports.isEmpty()) {
            String path = job.unitPath() == null ? "module.py" : job.unitPath().replaceAll("#.*$", "");
            String mod =
                    path.replaceAll("\\.py$", "").replaceAll("^(src|lib)/", "").replace('/', '.');
            if (mod.endsWith(".__init__")) {
                mod = mod.substring(0, mod.length() - ".__init__".length());
            }
            List<String> names = new ArrayList<>();
            for (String n : module.order) {
                if (!n.startsWith("_")) {
                    names.add(n);
                }
            }
            if (names.isEmpty()) {
                importLine = "import " + mod;
                prefix = mod + ".";
            } else {
                importLine = "from " + mod + " import " + String.join(", ", names);
                names.forEach(n -> bindings.put(n, n));
            }
            return;
        }
        importLine = imports;
        for (String line : imports.split("[;\\n]")) {
            String l = line.trim();
            Matcher from =
                    Pattern.compile("^from\\s+([\\w.]+)\\s+import\\s+(.+)$").matcher(l);
            Matcher imp = Pattern.compile("^import\\s+([\\w.]+)(?:\\s+as\\s+(\\w+))?$")
                    .matcher(l);
            if (from.find()) {
                for (String n : Source.splitTopLevel(from.group(2).replaceAll("[()]", ""), ',')) {
                    String[] parts = n.trim().split("\\s+as\\s+");
                    bindings.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : parts[0].trim());
                }
            } else if (imp.find()) {
                prefix = (imp.group(2) != null ? imp.group(2) : imp.group(1)) + ".";
            }
        }
    }

    private TypeUnit type(String name, List<Def> defs, Module module) {
        List<Callable> ctors = new ArrayList<>();
        List<Callable> methods = new ArrayList<>();
        Map<String, String> attrs = module.classAttrs.getOrDefault(name, Map.of());
        boolean dataclass =
                attrs.containsKey("__decorated__") && attrs.get("__decorated__").contains("dataclass");
        Def init = null;
        for (Def d : defs) {
            if (d.name().equals("__init__")) {
                init = d;
            }
        }
        Set<String> initAttrs = new LinkedHashSet<>();
        Set<String> nonNullAttrs = new LinkedHashSet<>();
        Set<String> methodNames = new LinkedHashSet<>();
        defs.forEach(d -> methodNames.add(d.name()));
        if (init != null) {
            for (String line : init.body()) {
                Matcher a = Pattern.compile("^\\s*self\\.([A-Za-z_]\\w*)\\s*(?::[^=]+)?=\\s*(.+)$")
                        .matcher(line);
                if (a.find()) {
                    initAttrs.add(a.group(1));
                    String expr = a.group(2).trim();
                    if (!expr.equals("None")) {
                        nonNullAttrs.add(a.group(1));
                    }
                }
            }
        }
        attrs.forEach((k, v) -> {
            if (!k.startsWith("__")) {
                initAttrs.add(k);
                if (v != null && !v.equals("None")) {
                    nonNullAttrs.add(k);
                }
            }
        });
        ClassContext cc = new ClassContext(initAttrs, nonNullAttrs, methodNames);
        boolean abstractClass = classBases.getOrDefault(name, List.of()).stream()
                        .anyMatch(b -> b.contains("ABC") || b.contains("Protocol"))
                || defs.stream().anyMatch(d -> d.decorators().stream().anyMatch(x -> x.contains("abstractmethod")));
        boolean knownBases = classBases.getOrDefault(name, List.of()).stream().allMatch(b -> b.equals("object"));
        if (init != null) {
            Callable c = callable(Callable.Role.CONSTRUCTOR, name, init, module, cc);
            if (c != null) {
                c = Planner.nullCollaborators(c, Dialect.PYTHON);
                ctors.add(c);
                dropUnknownAttrs(c, nonNullAttrs);
            }
        }
        for (Def d : defs) {
            if (d.name().startsWith("_") || d.async()) {
                continue;
            }
            boolean isStatic =
                    d.decorators().stream().anyMatch(x -> x.equals("@staticmethod") || x.equals("@classmethod"));
            boolean property =
                    d.decorators().stream().anyMatch(x -> !x.equals("@staticmethod") && !x.equals("@classmethod"));
            if (property) {
                continue;
            }
            Callable c = callable(isStatic ? Callable.Role.STATIC : Callable.Role.METHOD, name, d, module, cc);
            if (c != null) {
                methods.add(c);
            }
        }
        Map<String, String> fieldInits = new LinkedHashMap<>();
        attrs.forEach((k, v) -> {
            if (!k.startsWith("__") && v != null) {
                fieldInits.put(k, v);
            }
        });
        boolean instantiable = !abstractClass && knownBases && !dataclass;
        return new TypeUnit(
                name, instantiable, ctors, init == null && instantiable, fieldInits, nonNullAttrs, methods, false);
    }

    private record ClassContext(Set<String> attrs, Set<String> nonNullAttrs, Set<String> methods) {}

    /** Attributes stored straight from a parameter the model passes None for (or cannot type) may be None. */
    static void dropUnknownAttrs(Callable ctor, Set<String> nonNullAttrs) {
        if (ctor.assigns() == null) {
            return;
        }
        for (Map.Entry<String, String> a : ctor.assigns().entrySet()) {
            for (Param p : ctor.params()) {
                if ((p.family() == Family.OTHER || p.family() == Family.NULLED)
                        && a.getValue().trim().equals(p.name())) {
                    nonNullAttrs.remove(a.getKey());
                }
            }
        }
    }

    private Callable callable(Callable.Role role, String owner, Def d, Module module, ClassContext cc) {
        if (d.async() || d.body().stream().anyMatch(l -> l.matches("\\s*(yield|.*\\byield\\b).*"))) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        List<String> rawParams = Source.splitTopLevel(d.params(), ',');
        boolean keywordOnly = false;
        int index = 0;
        for (String raw : rawParams) {
            String p = raw.trim();
            if (index++ == 0
                    && (role == Callable.Role.METHOD
                            || role == Callable.Role.CONSTRUCTOR
                            || role == Callable.Role.STATIC && d.decorators().contains("@classmethod"))) {
                continue; // self / cls
            }
            if (p.equals("/")) {
                continue;
            }
            if (p.equals("*") || p.startsWith("*")) {
                keywordOnly = true;
                continue;
            }
            Matcher m = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::\\s*([^=]+?))?\\s*(?:=\\s*(.+))?$")
                    .matcher(p);
            if (!m.matches()) {
                return null;
            }
            if (keywordOnly) {
                if (m.group(3) == null) {
                    return null; // a required keyword-only argument
                }
                continue;
            }
            params.add(new Param(
                    m.group(1),
                    null,
                    m.group(2) == null ? null : m.group(2).trim(),
                    m.group(3) == null ? null : m.group(3).trim(),
                    true));
        }
        List<String> body = dedent(d.body());
        body = dropDocstring(body);
        // guards
        List<Guard> guards = new ArrayList<>();
        int i = 0;
        while (i < body.size()) {
            String line = body.get(i);
            Matcher oneLine =
                    Pattern.compile("^if\\s+(.+?)\\s*:\\s*(raise\\b.+)$").matcher(line);
            Matcher head = Pattern.compile("^if\\s+(.+?)\\s*:\\s*$").matcher(line);
            String condition;
            String raise;
            int next;
            if (oneLine.find()) {
                condition = oneLine.group(1);
                raise = oneLine.group(2);
                next = i + 1;
            } else if (head.find()) {
                int j = i + 1;
                StringBuilder r = new StringBuilder();
                while (j < body.size()
                        && (body.get(j).startsWith(" ")
                                || body.get(j).startsWith("\t")
                                || body.get(j).isBlank())) {
                    r.append(body.get(j).trim()).append(' ');
                    j++;
                }
                condition = head.group(1);
                raise = r.toString().trim();
                next = j;
            } else {
                break;
            }
            Matcher rm = RAISE.matcher(raise);
            if (!rm.find() || next < body.size() && body.get(next).matches("^(elif|else)\\b.*")) {
                break;
            }
            guards.add(new Guard(condition, exception(rm.group(1))));
            i = next;
        }
        List<String> rest = body.subList(i, body.size());
        String restText = String.join("\n", rest);
        String restMasked = Source.mask(restText, Dialect.PYTHON, true);
        String returns = null;
        Matcher ret = Pattern.compile("(?s)^return\\s+(.+)$").matcher(restText.strip());
        if (ret.find() && oneLogicalLine(restMasked.strip())) {
            returns = ret.group(1).replaceAll("\\s*\\n\\s*", " ").trim();
        }
        Map<String, String> assigns = null;
        if (role == Callable.Role.CONSTRUCTOR) {
            assigns = new LinkedHashMap<>();
            for (String line : rest) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher a = Pattern.compile("^self\\.([A-Za-z_]\\w*)\\s*(?::[^=]+)?=\\s*(.+)$")
                        .matcher(line);
                if (a.find() && !line.startsWith(" ")) {
                    assigns.put(a.group(1), a.group(2).trim());
                } else {
                    assigns = null;
                    break;
                }
            }
        }
        // families: hints, defaults, then how the body uses each parameter
        String all = Source.mask(String.join("\n", body), Dialect.PYTHON, true);
        String guardsText =
                String.join("\n", guards.stream().map(Guard::condition).toList());
        List<Param> typed = new ArrayList<>();
        for (Param p : params) {
            typed.add(new Param(p.name(), family(p, all, guardsText), p.declared(), p.defaultExpr(), true));
        }
        boolean nonNull = false;
        List<String> returned = new ArrayList<>();
        Matcher rr = Pattern.compile("(?m)^\\s*return\\b(.*)$").matcher(restText);
        while (rr.find()) {
            returned.add(rr.group(1).trim());
        }
        if (!returned.isEmpty() && returned.stream().allMatch(PythonTests::nonNullExpression)) {
            nonNull = true;
        }
        boolean stringParams = typed.stream().anyMatch(p -> p.family() == Family.STRING);
        Map<String, Family> families = new HashMap<>();
        typed.forEach(p -> families.put(p.name(), p.family()));
        boolean safe = safe(
                restMasked + "\n" + Source.interpolations(restText, Dialect.PYTHON),
                families,
                stringParams,
                module,
                cc,
                new LinkedHashSet<>(Set.of(d.name())));
        String returnType = returned.isEmpty() ? "void" : null;
        return new Callable(role, owner, d.name(), typed, guards, returns, returnType, nonNull, safe, false, assigns);
    }

    /** Every line break is inside brackets (or after a backslash): one statement. */
    private static boolean oneLogicalLine(String masked) {
        int depth = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '\n' && depth <= 0 && (i == 0 || masked.charAt(i - 1) != '\\')) {
                return masked.substring(i).isBlank();
            } else if (c == ';' && depth <= 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static boolean nonNullExpression(String e) {
        if (e.isEmpty() || e.equals("None")) {
            return false;
        }
        if (e.matches("(?s)^([rbuRBU]?[fF]?[\"']|[fF][\"']|-?\\d|\\[|\\{|\\(|True\\b|False\\b).*")) {
            return true;
        }
        if (e.matches(
                "(?s)^(str|len|int|float|bool|list|dict|set|tuple|sorted|sum|abs|round|min|max|repr|format)\\(.*")) {
            return true;
        }
        String masked = Source.mask(e, Dialect.PYTHON, true);
        return masked.matches("(?s).*[-+*/%].*") && !masked.contains(" or ") && !masked.contains(" if ");
    }

    private static List<String> dedent(List<String> lines) {
        int indent = indentOf(lines);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(
                    l.isBlank()
                            ? ""
                            : l.length() >= indent
                                    ? l.substring(Math.min(
                                            indent,
                                            l.length() - l.stripLeading().length()))
                                    : l.strip());
        }
        while (!out.isEmpty() && out.get(0).isBlank()) {
            out.remove(0);
        }
        return out;
    }

    private static List<String> dropDocstring(List<String> body) {
        if (body.isEmpty()) {
            return body;
        }
        String first = body.get(0).strip();
        Matcher q = Pattern.compile("^[rRuU]?(\"\"\"|'''|\"|')").matcher(first);
        if (!q.find()) {
            return body;
        }
        String quote = q.group(1);
        int start = q.end();
        if (first.indexOf(quote, start) >= 0) {
            return new ArrayList<>(body.subList(1, body.size()));
        }
        for (int i = 1; i < body.size(); i++) {
            if (body.get(i).contains(quote)) {
                return new ArrayList<>(body.subList(i + 1, body.size()));
            }
        }
        return body;
    }

    private Family family(Param p, String body, String guards) {
        String hint = p.declared() == null ? "" : p.declared().replaceAll("\\s+", "");
        switch (hint) {
            case "int":
                return Family.INT;
            case "float":
                return Family.FLOAT;
            case "str":
                return Family.STRING;
            case "bool":
                return Family.BOOL;
            case "":
                break;
            default:
                if (hint.matches("int\\|float|float\\|int|Union\\[int,float\\]|numbers\\.Number")) {
                    return Family.INT;
                }
                return Family.OTHER;
        }
        if (p.defaultExpr() != null) {
            String d = p.defaultExpr();
            if (d.matches("-?\\d+")) {
                return Family.INT;
            }
            if (d.matches("-?\\d*\\.\\d+")) {
                return Family.FLOAT;
            }
            if (d.matches("^[rRuU]?[\"'].*")) {
                return Family.STRING;
            }
            if (d.equals("True") || d.equals("False")) {
                return Family.BOOL;
            }
            if (d.equals("None")) {
                return Family.OTHER;
            }
        }
        String n = Pattern.quote(p.name());
        if (Pattern.compile("isinstance\\(\\s*" + n + "\\s*,\\s*str\\s*\\)")
                .matcher(guards)
                .find()) {
            return Family.STRING;
        }
        if (Pattern.compile("isinstance\\(\\s*" + n + "\\s*,\\s*\\(?\\s*(int|float)")
                .matcher(guards)
                .find()) {
            return Family.INT;
        }
        if (Pattern.compile(
                                "\\b" + n
                                        + "\\s*\\.\\s*(strip|lower|upper|startswith|endswith|split|replace|title|capitalize|isdigit|isalpha|encode|join|find|count|format)\\s*\\(")
                        .matcher(body)
                        .find()
                || Pattern.compile("len\\(\\s*" + n + "\\s*\\)").matcher(body).find()) {
            return Family.STRING;
        }
        if (Pattern.compile("\\b" + n + "\\s*(==|!=|<=|>=|<|>)\\s*-?\\d|-?\\d+\\s*(==|!=|<=|>=|<|>)\\s*" + n + "\\b")
                        .matcher(body)
                        .find()
                || Pattern.compile("\\b" + n + "\\s*[-*/%]|[-*/%]\\s*" + n + "\\b|\\brange\\(\\s*" + n)
                        .matcher(body)
                        .find()) {
            return Family.INT;
        }
        String lower = p.name().toLowerCase(Locale.ROOT);
        if (lower.matches(
                "name|text|s|word|title|greeting|prefix|suffix|message|msg|label|key|string|sentence|phrase|value_str|line|token|slug|email|username|first_name|last_name|city|country|tag|code|sep|separator|delimiter")) {
            return Family.STRING;
        }
        if (lower.matches(
                "[abcnmijkxyz]|num|number|count|amount|total|size|width|height|price|qty|quantity|age|year|rate|factor|limit|n\\d|x\\d|y\\d|left|right|base|exponent|value|score|length|times|index|start|end|step|minimum|maximum|lo|hi|low|high|celsius|fahrenheit|degrees|seconds|minutes|hours|days|cents|dollars")) {
            return Family.INT;
        }
        return Family.OTHER;
    }

    private String exception(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (BUILTIN_EXCEPTIONS.contains(simple) && !name.contains(".")) {
            return simple;
        }
        if (classBases.containsKey(simple)) {
            if (bound(simple)) {
                return ref(simple);
            }
            for (String base : classBases.get(simple)) {
                String b = base.trim();
                if (BUILTIN_EXCEPTIONS.contains(b) && !b.equals("Exception")) {
                    return b;
                }
                if (classBases.containsKey(b)) {
                    return exception(b);
                }
            }
        }
        return null;
    }

    private boolean safe(
            String masked,
            Map<String, Family> params,
            boolean stringParams,
            Module module,
            ClassContext cc,
            Set<String> visiting) {
        if (Pattern.compile("\\bwhile\\s+(True|1)\\b").matcher(masked).find()) {
            return false;
        }
        Set<String> locals = new LinkedHashSet<>();
        Matcher assign = Pattern.compile(
                        "(?m)^\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*(?::[^=\\n]+)?(?<![=!<>])=(?!=)")
                .matcher(masked);
        while (assign.find()) {
            for (String s : assign.group(1).split(",")) {
                locals.add(s.trim());
            }
        }
        Matcher augmented =
                Pattern.compile("(?m)^\\s*([A-Za-z_]\\w*)\\s*[-+*/%]=").matcher(masked);
        while (augmented.find()) {
            locals.add(augmented.group(1));
        }
        Matcher loop = Pattern.compile("\\bfor\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s+in\\b")
                .matcher(masked);
        while (loop.find()) {
            for (String s : loop.group(1).split(",")) {
                locals.add(s.trim());
            }
        }
        Matcher as = Pattern.compile(
                        "\\bas\\s+([A-Za-z_]\\w*)|\\blambda\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*:|([A-Za-z_]\\w*)\\s*:=")
                .matcher(masked);
        while (as.find()) {
            for (int g = 1; g <= 3; g++) {
                if (as.group(g) != null) {
                    for (String s : as.group(g).split(",")) {
                        locals.add(s.trim());
                    }
                }
            }
        }
        Matcher div = Pattern.compile("(?<![/*])(//|/|%)\\s*\\(?\\s*([A-Za-z_][\\w.]*)")
                .matcher(masked);
        while (div.find()) {
            String d = div.group(2);
            if (!(params.containsKey(d) && (params.get(d) == Family.INT || params.get(d) == Family.FLOAT))
                    && !d.startsWith("math.")) {
                return false;
            }
        }
        if (stringParams) {
            Matcher sub = Pattern.compile("[\\w)\\]]\\s*\\[([^\\]]*)\\]").matcher(masked);
            while (sub.find()) {
                String index = sub.group(1).trim();
                if (!index.contains(":") && !index.matches("-?[0-2]|-1")) {
                    return false;
                }
            }
            if (Pattern.compile("\\b(int|float)\\s*\\(|\\.index\\s*\\(")
                    .matcher(masked)
                    .find()) {
                return false;
            }
        }
        List<Source.Word> words = Source.words(masked);
        for (int k = 0; k < words.size(); k++) {
            Source.Word w = words.get(k);
            String t = w.text();
            if (FORBIDDEN.contains(t)) {
                return false;
            }
            if (t.matches("[rbfuRBFU]{1,2}")
                    && (w.after() == '"' || w.after() == '\'')
                    && w.end() < masked.length()
                    && masked.charAt(w.end()) == w.after()) {
                continue; // a string prefix: f"…", r'…'
            }
            if (t.equals("self")) {
                if (cc == null) {
                    return false;
                }
                if (w.after() == '.' && k + 1 < words.size()) {
                    Source.Word attr = words.get(k + 1);
                    if (!cc.attrs().contains(attr.text()) && !cc.methods().contains(attr.text())) {
                        return false;
                    }
                    if ((attr.after() == '.' || attr.after() == '[')
                            && !cc.nonNullAttrs().contains(attr.text())) {
                        return false;
                    }
                    if (cc.methods().contains(attr.text()) && attr.after() == '(' && !visiting.contains(attr.text())) {
                        return false; // calling another method: not followed here
                    }
                }
                continue;
            }
            if (KEYWORDS.contains(t) || w.before() == '.') {
                continue;
            }
            if (params.containsKey(t)
                    || locals.contains(t)
                    || BUILTINS.contains(t)
                    || module.constants.contains(t)
                    || module.importedPure.contains(t)) {
                continue;
            }
            if (module.classes.containsKey(t)) {
                continue;
            }
            boolean ownFunction =
                    module.functions.stream().anyMatch(f -> f.name().equals(t));
            if (ownFunction) {
                if (visiting.contains(t)) {
                    continue;
                }
                Def f = module.functions.stream()
                        .filter(x -> x.name().equals(t))
                        .findFirst()
                        .orElseThrow();
                visiting.add(t);
                String fm = Source.mask(String.join("\n", dropDocstring(dedent(f.body()))), Dialect.PYTHON, true);
                Map<String, Family> fp = new HashMap<>();
                for (String raw : Source.splitTopLevel(f.params(), ',')) {
                    String pn = raw.replaceAll("[:=].*$", "").replace("*", "").trim();
                    fp.put(pn, Family.STRING);
                }
                boolean ok = safe(fm, fp, true, module, null, visiting) && !fm.contains("raise");
                visiting.remove(t);
                if (!ok) {
                    return false;
                }
                continue;
            }
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ syntax

    private final class PythonSyntax implements Syntax {
        @Override
        public Dialect dialect() {
            return Dialect.PYTHON;
        }

        @Override
        public String construct(TypeUnit type, String args) {
            return ref(type.name()) + "(" + args + ")";
        }

        @Override
        public List<String> bind(TypeUnit type, String var, String expression) {
            return List.of(var + " = " + expression);
        }

        @Override
        public String instanceVar(TypeUnit type) {
            String v = snake(type.name());
            return KEYWORDS.contains(v) || bindings.containsValue(v) ? v + "_" : v;
        }

        @Override
        public String call(Callable c, String target, String args) {
            return (target == null ? ref(c.name()) : target + "." + c.name()) + "(" + args + ")";
        }

        @Override
        public String typeReference(TypeUnit type) {
            return ref(type.name());
        }

        @Override
        public String reference(String name, boolean isType) {
            return ref(name);
        }

        @Override
        public Value expected(Callable c, Value v) {
            return v.isEmpty() ? null : v;
        }

        @Override
        public List<String> fieldKeys(String field) {
            return List.of("self." + field);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    String name(Fact f, boolean flaky) {
        String s = snake(f.subject());
        if (flaky) {
            return "test_" + s + "_is_fast_enough";
        }
        return switch (f.kind()) {
            case AVAILABLE -> "test_" + s + "_is_available";
            case CONSTRUCTS -> "test_constructs_" + s;
            case EQUALS -> "test_" + s + "_returns_expected_value";
            case NOT_NULL -> "test_" + s + "_returns_a_value";
            case RUNS -> "test_" + s + "_runs";
            case THROWS ->
                "test_" + s
                        + (f.call().startsWith(ref(f.subject()) + "(")
                                        && Character.isUpperCase(f.subject().charAt(0))
                                ? "_init"
                                : "")
                        + "_raises_" + snake(f.exception().replaceAll("^.*\\.", ""))
                        + (f.detail().isEmpty() ? "" : "_for_" + snake(f.detail()));
        };
    }

    private boolean unittest() {
        return job.framework().equals("unittest");
    }

    @Override
    WrittenTest render(List<Case> cases, Defect defect, Random variant) {
        boolean flaky = cases.stream().anyMatch(Case::flaky);
        int way = defect == Defect.BUILD_ERROR ? variant.nextInt(3) : -1;
        String imports = importLine;
        if (way == 0 || way == 1) {
            imports = misspellImport(imports);
        }
        Lines out = new Lines();
        if (unittest()) {
            if (flaky) {
                out.add("import random");
            }
            out.add("import unittest").blank();
        } else {
            if (flaky) {
                out.add("import random").blank();
            }
            out.add("import pytest").blank();
        }
        out.add(imports).blank().blank();
        String indent = "";
        if (unittest()) {
            out.add("class " + testClassName() + "(unittest.TestCase):");
            indent = "    ";
        }
        boolean first = true;
        for (Case c : cases) {
            if (!first) {
                out.blank();
                if (!unittest()) {
                    out.blank();
                }
            }
            boolean typo = way == 2 && first;
            first = false;
            out.startCase(c.name());
            out.add(indent + "def " + c.name() + "(" + (unittest() ? "self" : "") + ")" + (typo ? "" : ":"));
            for (String line : body(c)) {
                out.add(indent + "    " + line);
            }
            out.endCase();
        }
        if (unittest()) {
            out.blank().blank().add("if __name__ == \"__main__\":").add("    unittest.main()");
        }
        return out.done();
    }

    private String testClassName() {
        String name = job.testName() == null || job.testName().isBlank()
                ? "test_" + snake(primary == null ? "module" : primary)
                : job.testName().trim();
        name = name.replaceAll("\\.py$", "").replaceAll("^.*[./]", "");
        if (Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("_")) {
            sb.append(upperFirst(part));
        }
        String camel = sb.toString();
        return camel.startsWith("Test") ? camel : "Test" + camel;
    }

    private String misspellImport(String imports) {
        Matcher from = Pattern.compile("^(from\\s+[\\w.]+\\s+import\\s+\\(?\\s*)([A-Za-z_]\\w*)")
                .matcher(imports);
        if (from.find()) {
            return imports.substring(0, from.start(2)) + misspell(from.group(2)) + imports.substring(from.end(2));
        }
        Matcher imp = Pattern.compile("^(import\\s+)([\\w.]+)").matcher(imports);
        if (imp.find()) {
            String mod = imp.group(2);
            int dot = mod.lastIndexOf('.');
            String last = mod.substring(dot + 1);
            String wrong = (dot < 0 ? "" : mod.substring(0, dot + 1)) + misspell(last);
            return imports.substring(0, imp.start(2)) + wrong + imports.substring(imp.end(2));
        }
        return imports + "_";
    }

    private List<String> body(Case c) {
        Fact f = c.fact();
        List<String> lines = new ArrayList<>(f.setup());
        boolean ut = unittest();
        if (c.flaky()) {
            if (f.kind() == Fact.Kind.EQUALS || f.kind() == Fact.Kind.NOT_NULL || f.kind() == Fact.Kind.RUNS) {
                lines.add(f.call());
            }
            lines.add("# A quick run usually finishes inside the sampled budget.");
            lines.add(ut ? "self.assertLess(random.random(), 0.5)" : "assert random.random() < 0.5");
            return lines;
        }
        switch (f.kind()) {
            case AVAILABLE -> {
                if (c.wrong()) {
                    String plain = f.subject();
                    String wrong = plain.equals(plain.toLowerCase(Locale.ROOT))
                            ? upperFirst(plain)
                            : plain.toLowerCase(Locale.ROOT);
                    lines.add(
                            ut
                                    ? "self.assertEqual(" + f.call() + ".__name__, \"" + wrong + "\")"
                                    : "assert " + f.call() + ".__name__ == \"" + wrong + "\"");
                } else {
                    lines.add(ut ? "self.assertTrue(callable(" + f.call() + "))" : "assert callable(" + f.call() + ")");
                }
            }
            case CONSTRUCTS -> {
                String type = ref(f.subject());
                if (c.wrong()) {
                    lines.add(ut ? "self.assertIsNone(" + f.call() + ")" : "assert " + f.call() + " is None");
                } else {
                    lines.add(
                            ut
                                    ? "self.assertIsInstance(" + f.call() + ", " + type + ")"
                                    : "assert isinstance(" + f.call() + ", " + type + ")");
                }
            }
            case NOT_NULL ->
                lines.add(
                        ut
                                ? (c.wrong() ? "self.assertIsNone(" : "self.assertIsNotNone(") + f.call() + ")"
                                : "assert " + f.call() + (c.wrong() ? " is None" : " is not None"));
            case RUNS -> lines.add(f.call());
            case EQUALS -> {
                Value expected = c.wrong() ? f.expected().wrong() : f.expected();
                String lit = expected.literal(Dialect.PYTHON, null);
                if (expected.isBoolean()) {
                    lines.add(
                            ut ? "self.assertIs(" + f.call() + ", " + lit + ")" : "assert " + f.call() + " is " + lit);
                } else if (expected.needsTolerance()) {
                    lines.add(
                            ut
                                    ? "self.assertAlmostEqual(" + f.call() + ", " + lit + ")"
                                    : "assert " + f.call() + " == pytest.approx(" + lit + ")");
                } else {
                    lines.add(
                            ut
                                    ? "self.assertEqual(" + f.call() + ", " + lit + ")"
                                    : "assert " + f.call() + " == " + lit);
                }
            }
            case THROWS -> {
                String exception = c.wrong() ? wrongException(f.exception()) : f.exception();
                lines.add(ut ? "with self.assertRaises(" + exception + "):" : "with pytest.raises(" + exception + "):");
                lines.add("    " + f.call());
            }
            default -> {}
        }
        return lines;
    }

    private static String wrongException(String e) {
        return switch (e) {
            case "ValueError" -> "TypeError";
            case "TypeError" -> "ValueError";
            case "KeyError" -> "ValueError";
            default -> "KeyError";
        };
    }
}
