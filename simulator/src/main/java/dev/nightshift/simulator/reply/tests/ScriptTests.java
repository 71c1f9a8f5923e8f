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
 * JavaScript (and TypeScript written like it): reads top-level functions, arrow functions and classes and
 * what the module exports (CommonJS or ES modules), and writes a node:test, Mocha, Jest or Vitest file that
 * reaches them through the prompt's import line.
 */
final class ScriptTests extends LanguageWriter {
    private static final Pattern FUNCTION =
            Pattern.compile("^(export\\s+)?(default\\s+)?(async\\s+)?function\\s*(\\*)?\\s*([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern ARROW =
            Pattern.compile("^(export\\s+)?(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=\\s*(async\\s+)?"
                    + "(?:function\\s*(\\*)?\\s*[\\w$]*\\s*\\(|(\\()|([A-Za-z_$][\\w$]*)\\s*=>)");
    private static final Pattern CLASS = Pattern.compile(
            "^(export\\s+)?(default\\s+)?class\\s+([A-Za-z_$][\\w$]*)(\\s+extends\\s+[\\w$.]+)?\\s*\\{");
    private static final Pattern CONST =
            Pattern.compile("^(export\\s+)?(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=");
    private static final Pattern THROW = Pattern.compile("^throw\\s+new\\s+([\\w$.]+)\\s*\\(");
    private static final Set<String> ERRORS =
            Set.of("Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError");
    private static final Set<String> KEYWORDS = Set.of(
            "const",
            "let",
            "var",
            "return",
            "if",
            "else",
            "for",
            "of",
            "in",
            "new",
            "typeof",
            "instanceof",
            "this",
            "true",
            "false",
            "null",
            "undefined",
            "switch",
            "case",
            "default",
            "break",
            "continue",
            "function",
            "void",
            "delete",
            "NaN",
            "Infinity",
            "class",
            "extends",
            "static",
            "get",
            "set");
    private static final Set<String> GLOBALS = Set.of(
            "Math",
            "Number",
            "String",
            "Array",
            "Object",
            "JSON",
            "Boolean",
            "parseInt",
            "parseFloat",
            "isNaN",
            "isFinite",
            "Error",
            "TypeError",
            "RangeError",
            "console",
            "Map",
            "Set",
            "Symbol",
            "BigInt",
            "encodeURIComponent",
            "decodeURIComponent",
            "RegExp");
    private static final Set<String> FORBIDDEN = Set.of(
            "require",
            "process",
            "fs",
            "fetch",
            "setTimeout",
            "setInterval",
            "setImmediate",
            "Promise",
            "await",
            "async",
            "Date",
            "eval",
            "Function",
            "globalThis",
            "window",
            "document",
            "XMLHttpRequest",
            "throw",
            "import",
            "while",
            "do",
            "yield",
            "crypto",
            "Buffer",
            "performance",
            "super");

    private final Map<String, String> bindings = new LinkedHashMap<>();
    private String prefix = "";
    private String importLine;
    private boolean esm;
    private String primary;

    ScriptTests(TestJob job) {
        super(job);
    }

    // ------------------------------------------------------------------ reading

    private record Fn(
            String name,
            String params,
            String body,
            String maskedBody,
            boolean expressionBody,
            boolean async,
            boolean generator,
            String doc) {}

    private record Cls(String name, String body, String maskedBody, boolean derived) {}

    private static final class Module {
        final Map<String, Fn> functions = new LinkedHashMap<>();
        final Map<String, Cls> classes = new LinkedHashMap<>();
        final Set<String> constants = new LinkedHashSet<>();
        final Map<String, String> constantInits = new LinkedHashMap<>();
        final Set<String> imported = new LinkedHashSet<>();
        /** export name → local name; "default" for the default export. */
        final Map<String, String> exports = new LinkedHashMap<>();

        boolean exportsObject;
        final List<String> order = new ArrayList<>();
    }

    @Override
    List<Fact> facts() {
        String plain = Source.mask(job.code(), Dialect.SCRIPT, false);
        String masked = Source.mask(job.code(), Dialect.SCRIPT, true);
        Module module = module(plain, masked);
        imports(module);
        List<Callable> functions = new ArrayList<>();
        List<TypeUnit> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> e : module.exports.entrySet()) {
            String local = e.getValue();
            String ref = ref(e.getKey(), module);
            if (ref == null) {
                continue;
            }
            if (module.functions.containsKey(local)) {
                Fn fn = module.functions.get(local);
                Callable c = callable(Callable.Role.FUNCTION, null, fn, module, null);
                names.add(ref);
                functionRefs.put(local, ref);
                if (c != null) {
                    functions.add(c);
                }
            } else if (module.classes.containsKey(local)) {
                names.add(ref);
                TypeUnit t = type(module.classes.get(local), module, ref);
                if (t != null) {
                    types.add(t);
                }
            }
        }
        primary = names.isEmpty()
                ? (bindings.isEmpty() ? null : bindings.values().iterator().next())
                : names.get(0);
        boolean isType = types.stream().anyMatch(t -> t.name().equals(primary));
        return Planner.plan(new Outline(primary, isType, types, functions, module.constantInits), new ScriptSyntax());
    }

    /** How the test names an export, or null when the import line does not reach it. */
    private String ref(String export, Module module) {
        if (!prefix.isEmpty()) {
            if (export.equals("default")) {
                return module.exportsObject ? null : prefix.substring(0, prefix.length() - 1);
            }
            return prefix + export;
        }
        return bindings.get(export);
    }

    private Module module(String plain, String masked) {
        Module m = new Module();
        int depth = 0;
        boolean lineStart = true;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '\n') {
                lineStart = true;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                continue;
            }
            if (depth == 0 && lineStart) {
                int consumed = declaration(m, plain, masked, i);
                if (consumed > i) {
                    i = consumed - 1;
                    lineStart = false;
                    continue;
                }
            }
            lineStart = false;
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        return m;
    }

    /** Reads the declaration at {@code at}; returns the index after it (or {@code at} when none). */
    private int declaration(Module m, String plain, String masked, int at) {
        String rest = masked.substring(at);
        Matcher f = FUNCTION.matcher(rest);
        if (f.find()) {
            int open = at + f.end() - 1;
            int close = Source.close(masked, open);
            int brace = close < 0 ? -1 : masked.indexOf('{', close);
            int end = brace < 0 ? -1 : Source.close(masked, brace);
            if (end < 0) {
                return at;
            }
            String name = f.group(5);
            m.functions.put(
                    name,
                    new Fn(
                            name,
                            plain.substring(open + 1, close),
                            plain.substring(brace + 1, end),
                            masked.substring(brace + 1, end),
                            false,
                            f.group(3) != null,
                            f.group(4) != null,
                            doc(plain, at)));
            m.order.add(name);
            if (f.group(1) != null) {
                m.exports.put(f.group(2) != null ? "default" : name, name);
            }
            return end + 1;
        }
        Matcher a = ARROW.matcher(rest);
        if (a.find()) {
            String name = a.group(2);
            boolean async = a.group(3) != null;
            int end;
            String params;
            String body;
            String maskedBody;
            boolean expression;
            if (a.group(6) != null) { // x => …
                params = a.group(6);
                int arrow = at + a.end();
                int[] b = arrowBody(masked, arrow);
                if (b == null) {
                    return at;
                }
                expression = b[2] == 1;
                body = plain.substring(b[0], b[1]);
                maskedBody = masked.substring(b[0], b[1]);
                end = b[1] + (expression ? 0 : 1);
            } else {
                int open = at + a.end() - 1;
                int close = Source.close(masked, open);
                if (close < 0) {
                    return at;
                }
                params = plain.substring(open + 1, close);
                int after = close + 1;
                Matcher arrowMark = Pattern.compile("^\\s*(?::[^={]+)?=>").matcher(masked.substring(after));
                boolean isArrow = a.group(5) != null;
                if (isArrow) {
                    if (!arrowMark.find()) {
                        return at;
                    }
                    after += arrowMark.end();
                }
                int[] b = arrowBody(masked, after);
                if (b == null || !isArrow && b[2] == 1) {
                    return at;
                }
                expression = b[2] == 1;
                body = plain.substring(b[0], b[1]);
                maskedBody = masked.substring(b[0], b[1]);
                end = b[1] + (expression ? 0 : 1);
            }
            m.functions.put(
                    name,
                    new Fn(name, params, body, maskedBody, expression, async, a.group(4) != null, doc(plain, at)));
            m.order.add(name);
            if (a.group(1) != null) {
                m.exports.put(name, name);
            }
            return end;
        }
        Matcher c = CLASS.matcher(rest);
        if (c.find()) {
            int open = at + c.end() - 1;
            int close = Source.close(masked, open);
            if (close < 0) {
                return at;
            }
            String name = c.group(3);
            m.classes.put(
                    name,
                    new Cls(
                            name,
                            plain.substring(open + 1, close),
                            masked.substring(open + 1, close),
                            c.group(4) != null));
            m.order.add(name);
            if (c.group(1) != null) {
                m.exports.put(c.group(2) != null ? "default" : name, name);
            }
            return close + 1;
        }
        Matcher exportList = Pattern.compile("^export\\s*\\{([^}]*)\\}").matcher(rest);
        if (exportList.find()) {
            for (String item : Source.splitTopLevel(exportList.group(1), ',')) {
                String[] parts = item.trim().split("\\s+as\\s+");
                m.exports.put(parts.length > 1 ? parts[1].trim() : parts[0].trim(), parts[0].trim());
            }
            return at + exportList.end();
        }
        Matcher exportDefault = Pattern.compile("^export\\s+default\\s+([A-Za-z_$][\\w$]*)\\s*;?")
                .matcher(rest);
        if (exportDefault.find()) {
            m.exports.put("default", exportDefault.group(1));
            return at + exportDefault.end();
        }
        Matcher moduleExports = Pattern.compile("^module\\.exports\\s*=\\s*").matcher(rest);
        if (moduleExports.find()) {
            int after = at + moduleExports.end();
            if (after < masked.length() && masked.charAt(after) == '{') {
                int close = Source.close(masked, after);
                if (close < 0) {
                    return at;
                }
                m.exportsObject = true;
                for (String item : Source.splitTopLevel(plain.substring(after + 1, close), ',')) {
                    Matcher kv = Pattern.compile("^([A-Za-z_$][\\w$]*)\\s*(?::\\s*([A-Za-z_$][\\w$]*))?$")
                            .matcher(item.trim());
                    if (kv.find()) {
                        m.exports.put(kv.group(1), kv.group(2) != null ? kv.group(2) : kv.group(1));
                    }
                }
                return close + 1;
            }
            Matcher ident = Pattern.compile("^([A-Za-z_$][\\w$]*)\\s*;?\\s*$", Pattern.MULTILINE)
                    .matcher(masked.substring(after));
            if (ident.find()
                    && !ident.group(1).equals("function")
                    && !ident.group(1).equals("class")) {
                m.exports.put("default", ident.group(1));
                return after + ident.end();
            }
            int consumed = declaration(m, plain, masked, after);
            if (consumed > after && !m.order.isEmpty()) {
                m.exports.put("default", m.order.get(m.order.size() - 1));
                return consumed;
            }
            return at;
        }
        Matcher named = Pattern.compile("^(?:module\\.)?exports\\.([A-Za-z_$][\\w$]*)\\s*=\\s*")
                .matcher(rest);
        if (named.find()) {
            m.exportsObject = true;
            int after = at + named.end();
            Matcher ident = Pattern.compile("^([A-Za-z_$][\\w$]*)\\s*;?\\s*$", Pattern.MULTILINE)
                    .matcher(masked.substring(after));
            if (ident.find()
                    && !ident.group(1).equals("function")
                    && !ident.group(1).equals("async")) {
                m.exports.put(named.group(1), ident.group(1));
                return after + ident.end();
            }
            // exports.f = function (…) {…} / (…) => …: read as the declaration const f = …
            String synthetic = "const " + named.group(1) + " = ";
            int consumed = declaration(m, synthetic + plain.substring(after), synthetic + masked.substring(after), 0);
            if (consumed > 0) {
                m.exports.put(named.group(1), named.group(1));
                return after + consumed - synthetic.length();
            }
            return at;
        }
        Matcher req = Pattern.compile("^(?:const|let|var)\\s+(\\{[^}]*\\}|[A-Za-z_$][\\w$]*)\\s*=\\s*require\\s*\\(")
                .matcher(rest);
        Matcher imp = Pattern.compile("^import\\s+(.+?)\\s+from\\s+").matcher(rest);
        if (req.find()) {
            for (String n : req.group(1).replaceAll("[{}]", "").split(",")) {
                String[] kv = n.trim().split("\\s*:\\s*");
                if (!kv[kv.length - 1].isEmpty()) {
                    m.imported.add(kv[kv.length - 1]);
                }
            }
            return at;
        }
        if (imp.find()) {
            for (String n :
                    imp.group(1).replaceAll("[{}*]", " ").replace(",", " ").split("\\s+")) {
                if (!n.isEmpty() && !n.equals("as")) {
                    m.imported.add(n);
                }
            }
            return at;
        }
        Matcher k = CONST.matcher(rest);
        if (k.find()) {
            m.constants.add(k.group(2));
            int[] init = arrowBody(masked, at + k.end());
            if (init != null && rest.startsWith("const")) {
                m.constantInits.put(
                        k.group(2), plain.substring(init[0], init[1]).trim());
            }
            if (k.group(1) != null) {
                m.exports.put(k.group(2), k.group(2));
            }
        }
        return at;
    }

    /** The body of an arrow or function after {@code from}: {start, end, 1 if an expression}; null if unreadable. */
    private static int[] arrowBody(String masked, int from) {
        int i = from;
        while (i < masked.length() && Character.isWhitespace(masked.charAt(i))) {
            i++;
        }
        if (i >= masked.length()) {
            return null;
        }
        if (masked.charAt(i) == '{') {
            int close = Source.close(masked, i);
            return close < 0 ? null : new int[] {i + 1, close, 0};
        }
        int depth = 0;
        int j = i;
        for (; j < masked.length(); j++) {
            char c = masked.charAt(j);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (c == ';' || c == ',' || c == '\n' && !continues(masked, j))) {
                break;
            }
        }
        return new int[] {i, j, 1};
    }

    private static boolean continues(String masked, int newline) {
        String before = masked.substring(0, newline).stripTrailing();
        String after = masked.substring(newline).stripLeading();
        return before.matches("(?s).*[-+*/%?:&|=<>,(]$") || after.matches("(?s)^[-+*/%?:&|.].*");
    }

    private static String doc(String plain, int at) {
        String before = plain.substring(0, at);
        int end = before.lastIndexOf("*/");
        int start = before.lastIndexOf("/**");
        if (end < 0 || start < 0 || start > end || !before.substring(end + 2).isBlank()) {
            return "";
        }
        return before.substring(start, end);
    }

    private void imports(Module module) {
        String imports = job.imports() == null ? "" : job.imports().trim();
        if (imports.isEmpty()) {
            esm = Pattern.compile("(?m)^\\s*export\\b").matcher(job.code()).find();
            String path = relativePath(esm);
            List<String> names = new ArrayList<>();
            for (String e : module.exports.keySet()) {
                if (!e.equals("default")) {
                    names.add(e);
                }
            }
            if (esm) {
                String def = module.exports.containsKey("default") ? module.exports.get("default") : null;
                String named = names.isEmpty() ? "" : "{ " + String.join(", ", names) + " }";
                importLine = "import " + (def != null ? def + (named.isEmpty() ? "" : ", ") : "") + named + " from '"
                        + path + "';";
                if (def != null) {
                    bindings.put("default", def);
                }
                names.forEach(n -> bindings.put(n, n));
            } else if (module.exportsObject || module.exports.isEmpty() || !module.exports.containsKey("default")) {
                importLine = "const { " + String.join(", ", names) + " } = require('" + path + "');";
                names.forEach(n -> bindings.put(n, n));
            } else {
                String def = module.exports.get("default");
                importLine = "const " + def + " = require('" + path + "');";
                bindings.put("default", def);
            }
            return;
        }
        importLine = imports.endsWith(";") ? imports : imports + ";";
        esm = imports.startsWith("import ");
        Matcher req = Pattern.compile("(?:const|let|var)\\s+(\\{[^}]*\\}|[A-Za-z_$][\\w$]*)\\s*=\\s*require\\s*\\(")
                .matcher(imports);
        if (req.find()) {
            String target = req.group(1);
            if (target.startsWith("{")) {
                for (String item : Source.splitTopLevel(target.substring(1, target.length() - 1), ',')) {
                    String[] kv = item.trim().split("\\s*:\\s*");
                    bindings.put(kv[0], kv.length > 1 ? kv[1] : kv[0]);
                }
            } else if (module.exportsObject || !module.exports.containsKey("default")) {
                prefix = target + ".";
            } else {
                bindings.put("default", target);
            }
            return;
        }
        Matcher imp = Pattern.compile("^import\\s+(.+?)\\s+from\\s+").matcher(imports);
        if (imp.find()) {
            String clause = imp.group(1).trim();
            Matcher ns = Pattern.compile("\\*\\s+as\\s+([A-Za-z_$][\\w$]*)").matcher(clause);
            if (ns.find()) {
                prefix = ns.group(1) + ".";
                return;
            }
            Matcher named = Pattern.compile("\\{([^}]*)\\}").matcher(clause);
            if (named.find()) {
                for (String item : Source.splitTopLevel(named.group(1), ',')) {
                    String[] parts = item.trim().split("\\s+as\\s+");
                    bindings.put(parts[0].trim(), parts.length > 1 ? parts[1].trim() : parts[0].trim());
                }
                clause = clause.replace(named.group(0), "").replace(",", " ").trim();
            }
            if (!clause.isEmpty() && clause.matches("[A-Za-z_$][\\w$]*")) {
                bindings.put("default", clause);
            }
        }
    }

    private String relativePath(boolean keepExtension) {
        String unit = job.unitPath() == null ? "index.js" : job.unitPath().replaceAll("#.*$", "");
        String target = keepExtension ? unit : unit.replaceAll("\\.(c|m)?(j|t)sx?$", "");
        if (job.testPath() == null) {
            String base = target.substring(target.lastIndexOf('/') + 1);
            return "./" + base;
        }
        String[] from = job.testPath().split("/");
        String[] to = target.split("/");
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < from.length - 1; i++) {
            sb.append("../");
        }
        for (int i = common; i < to.length; i++) {
            sb.append(to[i]).append(i < to.length - 1 ? "/" : "");
        }
        String s = sb.toString();
        return s.startsWith("../") ? s : "./" + s;
    }

    private TypeUnit type(Cls cls, Module module, String ref) {
        String masked = cls.maskedBody();
        String plain = cls.body();
        Map<String, String> fieldInits = new LinkedHashMap<>();
        List<Fn> members = new ArrayList<>();
        Map<String, Boolean> statics = new HashMap<>();
        Set<String> accessors = new LinkedHashSet<>();
        int i = 0;
        int segStart = 0;
        while (i < masked.length()) {
            char c = masked.charAt(i);
            if (c == ';'
                    || c == '\n'
                            && masked.substring(segStart, i).contains("=")
                            && !masked.substring(segStart, i).contains("(")) {
                String field = plain.substring(segStart, i).trim();
                Matcher fm = Pattern.compile(
                                "^(static\\s+)?(#?[A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?(?:=\\s*(.+))?$", Pattern.DOTALL)
                        .matcher(field);
                if (fm.find() && fm.group(1) == null) {
                    fieldInits.put(
                            fm.group(2),
                            fm.group(3) == null ? "undefined" : fm.group(3).trim());
                }
                segStart = i + 1;
            } else if (c == '(') {
                String header = masked.substring(segStart, i).trim();
                int close = Source.close(masked, i);
                if (close < 0) {
                    return null;
                }
                int brace = masked.indexOf('{', close);
                if (brace < 0) {
                    return null;
                }
                int end = Source.close(masked, brace);
                if (end < 0) {
                    return null;
                }
                Matcher hm = Pattern.compile(
                                "^(static\\s+)?(async\\s+)?(get\\s+|set\\s+)?(\\*\\s*)?(#?[A-Za-z_$][\\w$]*)$")
                        .matcher(header);
                if (hm.find()) {
                    String name = hm.group(5);
                    if (hm.group(3) != null) {
                        accessors.add(name);
                    } else {
                        members.add(new Fn(
                                name,
                                plain.substring(i + 1, close),
                                plain.substring(brace + 1, end),
                                masked.substring(brace + 1, end),
                                false,
                                hm.group(2) != null,
                                hm.group(4) != null,
                                ""));
                        statics.put(name, hm.group(1) != null);
                    }
                }
                i = end + 1;
                segStart = i;
                continue;
            } else if (c == '{') {
                int close = Source.close(masked, i);
                i = close < 0 ? masked.length() : close + 1;
                continue;
            }
            i++;
        }
        Fn ctorFn = members.stream()
                .filter(f -> f.name().equals("constructor"))
                .findFirst()
                .orElse(null);
        Set<String> attrs = new LinkedHashSet<>();
        Set<String> nonNull = new LinkedHashSet<>();
        fieldInits.forEach((k, v) -> {
            attrs.add(k);
            if (!v.equals("undefined") && !v.equals("null")) {
                nonNull.add(k);
            }
        });
        if (ctorFn != null) {
            Matcher assign = Pattern.compile("this\\.([A-Za-z_$][\\w$]*)\\s*=(?!=)\\s*([^;\\n]+)")
                    .matcher(ctorFn.body());
            while (assign.find()) {
                attrs.add(assign.group(1));
                String v = assign.group(2).trim();
                if (!v.equals("undefined") && !v.equals("null")) {
                    nonNull.add(assign.group(1));
                }
            }
        }
        Set<String> methodNames = new LinkedHashSet<>();
        members.forEach(f -> methodNames.add(f.name()));
        methodNames.addAll(accessors);
        ClassContext cc = new ClassContext(attrs, nonNull, methodNames);
        List<Callable> ctors = new ArrayList<>();
        if (ctorFn != null) {
            Callable c = callable(Callable.Role.CONSTRUCTOR, cls.name(), ctorFn, module, cc);
            if (c != null) {
                c = Planner.nullCollaborators(c, Dialect.SCRIPT);
                ctors.add(c);
                PythonTests.dropUnknownAttrs(c, nonNull);
            }
        }
        List<Callable> methods = new ArrayList<>();
        for (Fn f : members) {
            if (f.name().equals("constructor")
                    || f.name().startsWith("#")
                    || f.name().startsWith("_")
                    || f.async()
                    || f.generator()) {
                continue;
            }
            Callable c = callable(
                    statics.get(f.name()) ? Callable.Role.STATIC : Callable.Role.METHOD, cls.name(), f, module, cc);
            if (c != null) {
                methods.add(c);
            }
        }
        boolean fieldsSafe = fieldInits.values().stream()
                .allMatch(v -> safe(
                        Source.mask(v, Dialect.SCRIPT, true), Map.of(), false, module, null, new LinkedHashSet<>()));
        boolean instantiable = !cls.derived() && fieldsSafe;
        return new TypeUnit(
                ref, instantiable, ctors, ctorFn == null && instantiable, fieldInits, nonNull, methods, false);
    }

    private record ClassContext(Set<String> attrs, Set<String> nonNullAttrs, Set<String> methods) {}

    private Callable callable(Callable.Role role, String owner, Fn fn, Module module, ClassContext cc) {
        if (fn.async() || fn.generator()) {
            return null;
        }
        List<Param> params = new ArrayList<>();
        String all = fn.maskedBody();
        for (String raw : Source.splitTopLevel(fn.params(), ',')) {
            String p = raw.trim();
            if (p.startsWith("...")) {
                break;
            }
            if (p.startsWith("{") || p.startsWith("[")) {
                params.add(new Param("_", Family.OTHER, null, null, true));
                continue;
            }
            Matcher m = Pattern.compile(
                            "^([A-Za-z_$][\\w$]*)\\s*(\\?)?\\s*(?::\\s*([^=]+?))?\\s*(?:=\\s*(.+))?$", Pattern.DOTALL)
                    .matcher(p);
            if (!m.matches()) {
                return null;
            }
            String declared = m.group(3) != null ? m.group(3).trim() : docType(fn.doc(), m.group(1));
            String def = m.group(4) != null ? m.group(4).trim() : m.group(2) != null ? "undefined" : null;
            params.add(new Param(m.group(1), null, declared, def, true));
        }
        String body = fn.body();
        String maskedBody = fn.maskedBody();
        List<Guard> guards = new ArrayList<>();
        int pos = 0;
        if (!fn.expressionBody()) {
            while (true) {
                int start = skip(maskedBody, pos);
                if (!maskedBody.startsWith("if", start)
                        || start + 2 >= maskedBody.length()
                        || Character.isJavaIdentifierPart(maskedBody.charAt(start + 2))) {
                    break;
                }
                int open = maskedBody.indexOf('(', start);
                int close = open < 0 ? -1 : Source.close(maskedBody, open);
                if (close < 0) {
                    break;
                }
                int after = skip(maskedBody, close + 1);
                boolean braced = after < maskedBody.length() && maskedBody.charAt(after) == '{';
                int stmt = braced ? skip(maskedBody, after + 1) : after;
                Matcher t = THROW.matcher(maskedBody.substring(stmt));
                if (!t.find()) {
                    break;
                }
                int end = statementEnd(maskedBody, stmt);
                if (end < 0) {
                    break;
                }
                if (braced) {
                    int closing = skip(maskedBody, end);
                    if (closing >= maskedBody.length() || maskedBody.charAt(closing) != '}') {
                        break;
                    }
                    end = closing + 1;
                }
                if (maskedBody.startsWith("else", skip(maskedBody, end))) {
                    break;
                }
                guards.add(new Guard(body.substring(open + 1, close).trim(), exception(t.group(1), module)));
                pos = end;
            }
        }
        String rest = body.substring(pos);
        String maskedRest = maskedBody.substring(pos);
        String returns = null;
        if (fn.expressionBody()) {
            returns = body.trim();
        } else {
            Matcher r = Pattern.compile("(?s)^\\s*return\\s+(.*?);?\\s*$").matcher(maskedRest);
            if (r.matches()) {
                int end = statementEnd(maskedRest, maskedRest.indexOf("return"));
                if (end < 0 || maskedRest.substring(end).isBlank()) {
                    returns = rest.substring(r.start(1), r.end(1)).trim();
                }
            }
        }
        Map<String, String> assigns = null;
        if (role == Callable.Role.CONSTRUCTOR) {
            assigns = new LinkedHashMap<>();
            for (String stmt : rest.split("[;\\n]")) {
                if (stmt.isBlank()) {
                    continue;
                }
                Matcher a = Pattern.compile("^\\s*this\\.([A-Za-z_$][\\w$]*)\\s*=(?!=)\\s*(.+)$")
                        .matcher(stmt);
                if (a.find()) {
                    assigns.put(a.group(1), a.group(2).trim());
                } else {
                    assigns = null;
                    break;
                }
            }
        }
        String guardsText =
                String.join("\n", guards.stream().map(Guard::condition).toList());
        List<Param> typed = new ArrayList<>();
        for (Param p : params) {
            typed.add(
                    p.family() == Family.OTHER
                            ? p
                            : new Param(p.name(), family(p, all, guardsText), p.declared(), p.defaultExpr(), true));
        }
        List<String> returned = new ArrayList<>();
        if (fn.expressionBody()) {
            returned.add(body.trim());
        } else {
            Matcher rr = Pattern.compile("\\breturn\\b([^;\\n]*)").matcher(rest);
            while (rr.find()) {
                returned.add(rr.group(1).trim());
            }
        }
        boolean nonNull = !returned.isEmpty() && returned.stream().allMatch(ScriptTests::nonNullExpression);
        Map<String, Family> families = new HashMap<>();
        typed.forEach(p -> families.put(p.name(), p.family()));
        boolean strings = typed.stream().anyMatch(p -> p.family() == Family.STRING);
        boolean safe = safe(
                maskedRest + "\n" + Source.interpolations(rest, Dialect.SCRIPT),
                families,
                strings,
                module,
                cc,
                new LinkedHashSet<>(Set.of(fn.name())));
        String returnType = returned.isEmpty() ? "void" : null;
        return new Callable(role, owner, fn.name(), typed, guards, returns, returnType, nonNull, safe, false, assigns);
    }

    private static String docType(String doc, String param) {
        if (doc == null || doc.isEmpty()) {
            return null;
        }
        Matcher m = Pattern.compile("@param\\s+\\{([^}]+)\\}\\s+\\[?" + Pattern.quote(param) + "\\b")
                .matcher(doc);
        return m.find() ? m.group(1).trim() : null;
    }

    private static boolean nonNullExpression(String e) {
        if (e.isEmpty() || e.equals("null") || e.equals("undefined")) {
            return false;
        }
        if (e.matches(
                "(?s)^([\"'`]|-?\\d|\\[|\\{|new\\s|String\\(|Number\\(|true\\b|false\\b|Math\\.|JSON\\.stringify).*")) {
            return true;
        }
        String masked = Source.mask(e, Dialect.SCRIPT, true);
        return masked.matches("(?s).*[-+*/%].*")
                && !masked.contains("||")
                && !masked.contains("??")
                && !masked.contains("?");
    }

    private Family family(Param p, String body, String guards) {
        String declared =
                p.declared() == null ? "" : p.declared().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        switch (declared) {
            case "number", "int", "integer":
                return Family.INT;
            case "string":
                return Family.STRING;
            case "boolean":
                return Family.BOOL;
            case "":
                break;
            default:
                return Family.OTHER;
        }
        if (p.defaultExpr() != null) {
            String d = p.defaultExpr();
            if (d.matches("-?\\d+(\\.\\d+)?")) {
                return Family.INT;
            }
            if (d.matches("^[\"'`].*")) {
                return Family.STRING;
            }
            if (d.equals("true") || d.equals("false")) {
                return Family.BOOL;
            }
        }
        String n = Pattern.quote(p.name());
        if (Pattern.compile("typeof\\s+" + n + "\\s*[!=]==?\\s*'string'")
                .matcher(guards)
                .find()) {
            return Family.STRING;
        }
        if (Pattern.compile("typeof\\s+" + n + "\\s*[!=]==?\\s*'number'|Number\\.is(Integer|Finite|NaN)\\(\\s*" + n)
                .matcher(guards)
                .find()) {
            return Family.INT;
        }
        if (Pattern.compile("typeof\\s+" + n + "\\s*[!=]==?\\s*'boolean'")
                .matcher(guards)
                .find()) {
            return Family.BOOL;
        }
        String masked = Source.mask(body, Dialect.SCRIPT, true);
        if (Pattern.compile(
                        "\\b" + n
                                + "\\s*\\.\\s*(trim|toUpperCase|toLowerCase|startsWith|endsWith|includes|split|replace|padStart|padEnd|charAt|slice|length)\\b")
                .matcher(masked)
                .find()) {
            return Family.STRING;
        }
        if (Pattern.compile("\\b" + n + "\\s*(===?|!==?|<=|>=|<|>)\\s*-?\\d|-?\\d+\\s*(===?|!==?|<=|>=|<|>)\\s*" + n
                                + "\\b")
                        .matcher(masked)
                        .find()
                || Pattern.compile("\\b" + n + "\\s*[-*/%]|[-*/%]\\s*" + n + "\\b")
                        .matcher(masked)
                        .find()) {
            return Family.INT;
        }
        String lower = p.name().toLowerCase(Locale.ROOT);
        if (lower.matches(
                "name|text|s|str|word|title|greeting|prefix|suffix|message|msg|label|key|string|sentence|phrase|line|token|slug|email|username|firstname|lastname|city|country|tag|sep|separator|delimiter")) {
            return Family.STRING;
        }
        if (lower.matches(
                "[abcnmijkxyz]|num|number|count|amount|total|size|width|height|price|qty|quantity|age|year|rate|factor|limit|left|right|base|exponent|value|score|length|times|index|start|end|step|min|max|lo|hi|low|high|celsius|fahrenheit|degrees|seconds|minutes|hours|days|cents|dollars")) {
            return Family.INT;
        }
        return Family.OTHER;
    }

    private String exception(String name, Module module) {
        if (ERRORS.contains(name)) {
            return name;
        }
        if (module.classes.containsKey(name)) {
            Cls c = module.classes.get(name);
            if (c.derived()) {
                for (Map.Entry<String, String> e : module.exports.entrySet()) {
                    if (e.getValue().equals(name)) {
                        String r = ref(e.getKey(), module);
                        if (r != null) {
                            return r;
                        }
                    }
                }
                return "Error";
            }
        }
        return null;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int statementEnd(String masked, int from) {
        int depth = 0;
        for (int i = from; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth < 0) {
                    return i; // end of block without ';'
                }
            } else if (depth == 0 && c == ';') {
                return i + 1;
            } else if (depth == 0 && c == '\n' && !continues(masked, i)) {
                return i;
            }
        }
        return masked.length();
    }

    private boolean safe(
            String masked,
            Map<String, Family> params,
            boolean strings,
            Module module,
            ClassContext cc,
            Set<String> visiting) {
        if (Pattern.compile("for\\s*\\(\\s*;\\s*;").matcher(masked).find()) {
            return false;
        }
        Set<String> locals = new LinkedHashSet<>();
        Matcher decl = Pattern.compile("\\b(?:const|let|var)\\s+(\\{[^}]*\\}|\\[[^\\]]*\\]|[A-Za-z_$][\\w$]*)")
                .matcher(masked);
        while (decl.find()) {
            for (String n : decl.group(1).replaceAll("[{}\\[\\]]", "").split(",")) {
                String local = n.trim().replaceAll("^.*:\\s*", "").replaceAll("\\s*=.*$", "");
                if (!local.isEmpty()) {
                    locals.add(local);
                }
            }
        }
        locals.addAll(Source.lambdaParams(masked.replace("=>", "->")));
        Matcher div =
                Pattern.compile("(?<![/*])[/%]\\s*\\(?\\s*([A-Za-z_$][\\w$.]*)").matcher(masked);
        while (div.find()) {
            String d = div.group(1);
            if (!(params.containsKey(d) && params.get(d) == Family.INT)) {
                return false;
            }
        }
        if (strings && Pattern.compile("[\\w$)\\]]\\s*\\[").matcher(masked).find()) {
            return false;
        }
        List<Source.Word> words = Source.words(masked);
        for (int k = 0; k < words.size(); k++) {
            Source.Word w = words.get(k);
            String t = w.text();
            if (FORBIDDEN.contains(t)) {
                return false;
            }
            if (t.equals("this")) {
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
                        return false;
                    }
                }
                continue;
            }
            if (KEYWORDS.contains(t) || w.before() == '.') {
                continue;
            }
            if (params.containsKey(t)
                    || locals.contains(t)
                    || GLOBALS.contains(t)
                    || module.constants.contains(t)
                    || module.classes.containsKey(t)) {
                continue;
            }
            if (module.imported.contains(t)) {
                return false;
            }
            if (module.functions.containsKey(t)) {
                if (visiting.contains(t)) {
                    continue;
                }
                Fn f = module.functions.get(t);
                if (f.async() || f.generator()) {
                    return false;
                }
                visiting.add(t);
                Map<String, Family> fp = new HashMap<>();
                for (String raw : Source.splitTopLevel(f.params(), ',')) {
                    fp.put(raw.replaceAll("[:=].*$", "").replace("...", "").trim(), Family.STRING);
                }
                boolean ok = safe(f.maskedBody(), fp, true, module, null, visiting);
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

    private final class ScriptSyntax implements Syntax {
        @Override
        public Dialect dialect() {
            return Dialect.SCRIPT;
        }

        @Override
        public String construct(TypeUnit type, String args) {
            return "new " + type.name() + "(" + args + ")";
        }

        @Override
        public List<String> bind(TypeUnit type, String var, String expression) {
            return List.of("const " + var + " = " + expression + ";");
        }

        @Override
        public String instanceVar(TypeUnit type) {
            String simple = type.name().substring(type.name().lastIndexOf('.') + 1);
            String v = lowerFirst(simple);
            return v.equals(simple) || KEYWORDS.contains(v) || bindings.containsValue(v) ? "instance" : v;
        }

        @Override
        public String call(Callable c, String target, String args) {
            return (target == null ? refOf(c) : target + "." + c.name()) + "(" + args + ")";
        }

        private String refOf(Callable c) {
            for (Map.Entry<String, String> e : functionRefs.entrySet()) {
                if (e.getKey().equals(c.name())) {
                    return e.getValue();
                }
            }
            return c.name();
        }

        @Override
        public String typeReference(TypeUnit type) {
            return type.name();
        }

        @Override
        public String reference(String name, boolean isType) {
            return name;
        }

        @Override
        public Value expected(Callable c, Value v) {
            return v.isEmpty() || v.v() instanceof Double d && Double.isNaN(d) ? null : v;
        }

        @Override
        public List<String> fieldKeys(String field) {
            return List.of("this." + field);
        }
    }

    /** Function name in the code → how the test calls it. */
    private final Map<String, String> functionRefs = new HashMap<>();

    // ------------------------------------------------------------------ writing

    @Override
    String name(Fact f, boolean flaky) {
        String subject = f.subject().substring(f.subject().lastIndexOf('.') + 1);
        if (flaky) {
            return subject + " is fast enough";
        }
        return switch (f.kind()) {
            case AVAILABLE -> subject + " is defined";
            case CONSTRUCTS -> "new " + subject + "(" + f.detail() + ") creates an instance";
            case EQUALS ->
                subject + "(" + f.detail() + ") returns " + f.expected().literal(Dialect.SCRIPT, null);
            case NOT_NULL -> subject + "(" + f.detail() + ") returns a value";
            case RUNS -> subject + "(" + f.detail() + ") runs without throwing";
            case THROWS ->
                (f.call().startsWith("new ") ? "new " : "") + subject + " throws "
                        + f.exception().substring(f.exception().lastIndexOf('.') + 1)
                        + (f.detail().isEmpty() ? "" : " for an invalid " + f.detail());
        };
    }

    private boolean nodeAssert() {
        return job.framework().equals("node-test") || job.framework().equals("mocha");
    }

    @Override
    WrittenTest render(List<Case> cases, Defect defect, Random variant) {
        String fw = job.framework();
        int way = defect == Defect.BUILD_ERROR ? variant.nextInt(2) : -1;
        String imports = importLine;
        if (way == 0) {
            imports = misspellPath(imports);
        }
        Lines out = new Lines();
        switch (fw) {
            case "node-test" -> {
                if (esm) {
                    out.add("import { describe, it } from 'node:test';")
                            .add("import assert from 'node:assert/strict';");
                } else {
                    out.add("const { describe, it } = require('node:test');")
                            .add("const assert = require('node:assert/strict');");
                }
            }
            case "mocha" ->
                out.add(
                        esm
                                ? "import assert from 'node:assert/strict';"
                                : "const assert = require('node:assert/strict');");
            case "vitest" -> {
                out.add("import { describe, it, expect } from 'vitest';");
                if (!esm) {
                    out.add("import { createRequire } from 'node:module';")
                            .blank()
                            .add("const require = createRequire(import.meta.url);");
                }
            }
            default -> {}
        }
        out.add(imports).blank();
        String unit = job.unitPath() == null ? "module" : job.unitPath().replaceAll("#.*$", "");
        String suite = job.testName() != null && !job.testName().isBlank()
                ? job.testName().trim()
                : unit.substring(unit.lastIndexOf('/') + 1).replaceAll("\\..*$", "");
        out.add("describe(" + quote(suite) + ", () => {");
        String it = "it";
        boolean first = true;
        for (Case c : cases) {
            if (!first) {
                out.blank();
            }
            first = false;
            out.startCase(c.name());
            out.add("  " + it + "(" + quote(c.name()) + ", () => {");
            for (String line : body(c)) {
                out.add("    " + line);
            }
            out.add("  });");
            out.endCase();
        }
        if (way != 1) {
            out.add("});");
        }
        return out.done();
    }

    private static String quote(String s) {
        return Value.quote(s, Dialect.SCRIPT);
    }

    private static String misspellPath(String imports) {
        Matcher m = Pattern.compile("(['\"])([^'\"]+)\\1").matcher(imports);
        if (!m.find()) {
            return imports + "x";
        }
        String path = m.group(2);
        int slash = path.lastIndexOf('/');
        String file = path.substring(slash + 1);
        String ext = "";
        int dot = file.indexOf('.');
        if (dot > 0) {
            ext = file.substring(dot);
            file = file.substring(0, dot);
        }
        String wrong = path.substring(0, slash + 1) + misspell(file) + ext;
        return imports.substring(0, m.start(2)) + wrong + imports.substring(m.end(2));
    }

    private List<String> body(Case c) {
        Fact f = c.fact();
        List<String> lines = new ArrayList<>(f.setup());
        boolean node = nodeAssert();
        if (c.flaky()) {
            if (f.kind() == Fact.Kind.EQUALS || f.kind() == Fact.Kind.NOT_NULL || f.kind() == Fact.Kind.RUNS) {
                lines.add(f.call() + ";");
            }
            lines.add("// A quick run usually finishes inside the sampled budget.");
            lines.add(node ? "assert.ok(Math.random() < 0.5);" : "expect(Math.random()).toBeLessThan(0.5);");
            return lines;
        }
        switch (f.kind()) {
            case AVAILABLE -> {
                if (c.wrong()) {
                    String simple = f.subject().substring(f.subject().lastIndexOf('.') + 1);
                    String wrong = simple.equals(simple.toLowerCase(Locale.ROOT))
                            ? upperFirst(simple)
                            : simple.toLowerCase(Locale.ROOT);
                    lines.add(
                            node
                                    ? "assert.strictEqual(" + f.call() + ".name, " + quote(wrong) + ");"
                                    : "expect(" + f.call() + ".name).toBe(" + quote(wrong) + ");");
                } else {
                    lines.add(
                            node
                                    ? "assert.strictEqual(typeof " + f.call() + ", 'function');"
                                    : "expect(typeof " + f.call() + ").toBe('function');");
                }
            }
            case CONSTRUCTS -> {
                if (c.wrong()) {
                    lines.add(
                            node
                                    ? "assert.strictEqual(" + f.call() + ", null);"
                                    : "expect(" + f.call() + ").toBeNull();");
                } else {
                    lines.add(
                            node
                                    ? "assert.ok(" + f.call() + " instanceof " + f.subject() + ");"
                                    : "expect(" + f.call() + ").toBeInstanceOf(" + f.subject() + ");");
                }
            }
            case NOT_NULL -> {
                lines.add("const result = " + f.call() + ";");
                if (c.wrong()) {
                    lines.add(node ? "assert.strictEqual(result, null);" : "expect(result).toBeNull();");
                } else if (node) {
                    lines.add("assert.notStrictEqual(result, undefined);");
                    lines.add("assert.notStrictEqual(result, null);");
                } else {
                    lines.add("expect(result).toBeDefined();");
                    lines.add("expect(result).not.toBeNull();");
                }
            }
            case RUNS ->
                lines.add(
                        node
                                ? "assert.doesNotThrow(() => " + f.call() + ");"
                                : "expect(() => " + f.call() + ").not.toThrow();");
            case EQUALS -> {
                Value expected = c.wrong() ? f.expected().wrong() : f.expected();
                String lit = expected.literal(Dialect.SCRIPT, null);
                if (expected.needsTolerance()) {
                    lines.add(
                            node
                                    ? "assert.ok(Math.abs(" + f.call() + " - " + lit + ") < 1e-9);"
                                    : "expect(" + f.call() + ").toBeCloseTo(" + lit + ", 9);");
                } else {
                    lines.add(
                            node
                                    ? "assert.strictEqual(" + f.call() + ", " + lit + ");"
                                    : "expect(" + f.call() + ").toBe(" + lit + ");");
                }
            }
            case THROWS -> {
                String exception = c.wrong() ? wrongException(f.exception()) : f.exception();
                lines.add(
                        node
                                ? "assert.throws(() => " + f.call() + ", " + exception + ");"
                                : "expect(() => " + f.call() + ").toThrow(" + exception + ");");
            }
            default -> {}
        }
        return lines;
    }

    private static String wrongException(String e) {
        return e.equals("RangeError") ? "TypeError" : "RangeError";
    }
}
