package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go: reads top-level functions and methods on structs of basic fields, the {@code if … { return …, err }}
 * and {@code panic} guards they start with, and writes a {@code testing} file in the same package.
 */
final class GoTests extends LanguageWriter {
    private static final Pattern FUNC =
            Pattern.compile("(?m)^func\\s+(?:\\(\\s*(\\w+)?\\s*\\*?\\s*(\\w+)\\s*\\)\\s*)?([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern STRUCT = Pattern.compile("(?m)^type\\s+([A-Za-z_]\\w*)\\s+struct\\s*\\{");
    private static final Pattern CONST =
            Pattern.compile("(?m)^(?:const|var)\\s+([A-Za-z_]\\w*)\\s*(?:\\w+\\s*)?=\\s*(.+)$");
    private static final Set<String> BASIC = Set.of(
            "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32",
            "float64", "string", "bool", "byte", "rune");
    private static final Set<String> KEYWORDS = Set.of(
            "break",
            "case",
            "chan",
            "const",
            "continue",
            "default",
            "defer",
            "else",
            "fallthrough",
            "for",
            "func",
            "go",
            "goto",
            "if",
            "import",
            "interface",
            "map",
            "package",
            "range",
            "return",
            "select",
            "struct",
            "switch",
            "type",
            "var",
            "true",
            "false",
            "nil",
            "int",
            "int8",
            "int16",
            "int32",
            "int64",
            "uint",
            "uint8",
            "uint16",
            "uint32",
            "uint64",
            "float32",
            "float64",
            "string",
            "bool",
            "byte",
            "rune",
            "error",
            "len",
            "append",
            "make",
            "new",
            "cap",
            "copy",
            "min",
            "max");
    private static final Set<String> SAFE_PACKAGES = Set.of("math", "strings", "fmt", "errors", "unicode", "sort");
    private static final Set<String> FORBIDDEN = Set.of(
            "go",
            "chan",
            "select",
            "os",
            "time",
            "rand",
            "net",
            "http",
            "io",
            "ioutil",
            "sync",
            "exec",
            "panic",
            "recover",
            "defer",
            "Atoi",
            "ParseInt",
            "ParseFloat");

    private String pkg = "main";
    private String primary;

    GoTests(TestJob job) {
        super(job);
    }

    private record Func(
            String receiverName,
            String receiverType,
            String name,
            String params,
            String results,
            String body,
            String maskedBody) {}

    @Override
    List<Fact> facts() {
        String plain = Source.mask(job.code(), Dialect.GO, false);
        String masked = Source.mask(job.code(), Dialect.GO, true);
        Matcher p = Pattern.compile("(?m)^package\\s+(\\w+)").matcher(masked);
        if (p.find()) {
            pkg = p.group(1);
        }
        Map<String, Boolean> structs = new LinkedHashMap<>();
        Matcher s = STRUCT.matcher(masked);
        while (s.find()) {
            int open = s.end() - 1;
            int close = Source.close(masked, open);
            boolean basic = true;
            if (close > open) {
                for (String line : masked.substring(open + 1, close).split("\n")) {
                    String[] parts = line.trim().split("\\s+");
                    if (parts.length >= 2 && !BASIC.contains(parts[parts.length - 1])) {
                        basic = false;
                    }
                }
            }
            structs.put(s.group(1), basic);
        }
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher k = CONST.matcher(plain);
        while (k.find()) {
            constants.put(k.group(1), k.group(2).trim());
        }
        List<Func> funcs = new ArrayList<>();
        Matcher f = FUNC.matcher(masked);
        while (f.find()) {
            int open = f.end() - 1;
            int close = Source.close(masked, open);
            if (close < 0) {
                continue;
            }
            int brace = masked.indexOf('{', close);
            int end = brace < 0 ? -1 : Source.close(masked, brace);
            if (end < 0) {
                continue;
            }
            funcs.add(new Func(
                    f.group(1),
                    f.group(2),
                    f.group(3),
                    plain.substring(open + 1, close),
                    plain.substring(close + 1, brace).trim(),
                    plain.substring(brace + 1, end),
                    masked.substring(brace + 1, end)));
        }
        Set<String> funcNames = new LinkedHashSet<>();
        funcs.forEach(x -> funcNames.add(x.name()));
        List<Callable> functions = new ArrayList<>();
        Map<String, List<Callable>> methods = new LinkedHashMap<>();
        for (Func fn : funcs) {
            if (fn.name().equals("main")
                    || fn.name().equals("init")
                    || fn.name().startsWith("Test")) {
                continue;
            }
            Callable c = callable(fn, structs, funcNames);
            if (c == null) {
                continue;
            }
            if (fn.receiverType() == null) {
                functions.add(c);
            } else if (structs.containsKey(fn.receiverType())) {
                methods.computeIfAbsent(fn.receiverType(), x -> new ArrayList<>())
                        .add(c);
            }
        }
        List<TypeUnit> types = new ArrayList<>();
        structs.forEach((name, basic) -> types.add(new TypeUnit(
                name, true, List.of(), true, Map.of(), Set.of(), methods.getOrDefault(name, List.of()), false)));
        primary = !types.isEmpty()
                ? types.get(0).name()
                : functions.isEmpty() ? null : functions.get(0).name();
        return Planner.plan(new Outline(primary, !types.isEmpty(), types, functions, constants), new GoSyntax());
    }

    private Callable callable(Func fn, Map<String, Boolean> structs, Set<String> funcNames) {
        List<Param> params = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String raw : Source.splitTopLevel(fn.params(), ',')) {
            String[] parts = raw.trim().split("\\s+", 2);
            if (parts.length == 1) {
                pending.add(parts[0]);
                continue;
            }
            pending.add(parts[0]);
            String type = parts[1].trim();
            for (String n : pending) {
                params.add(new Param(n, family(type), type, null, false));
            }
            pending.clear();
        }
        if (!pending.isEmpty()) {
            return null;
        }
        String results = fn.results().replaceAll("^\\(|\\)$", "").trim();
        List<String> resultTypes = results.isEmpty() ? List.of() : Source.splitTopLevel(results, ',');
        if (resultTypes.stream().anyMatch(r -> r.trim().contains(" "))) {
            return null; // named results
        }
        boolean withError = !resultTypes.isEmpty()
                && resultTypes.get(resultTypes.size() - 1).trim().equals("error");
        List<String> values = withError ? resultTypes.subList(0, resultTypes.size() - 1) : resultTypes;
        if (values.size() > 1) {
            return null;
        }
        String returnType = values.isEmpty()
                ? (withError ? "error-only" : "void")
                : values.get(0).trim();
        String body = fn.body();
        String masked = fn.maskedBody();
        List<Guard> guards = new ArrayList<>();
        int pos = 0;
        while (true) {
            int start = skip(masked, pos);
            if (!masked.startsWith("if ", start)) {
                break;
            }
            int brace = masked.indexOf('{', start);
            int close = brace < 0 ? -1 : Source.close(masked, brace);
            if (close < 0) {
                break;
            }
            String inner = masked.substring(brace + 1, close).trim();
            String condition = body.substring(start + 3, brace).trim();
            if (condition.contains(";") || masked.startsWith("else", skip(masked, close + 1))) {
                break;
            }
            if (inner.startsWith("panic(")) {
                guards.add(new Guard(condition, "panic"));
            } else if (withError
                    && inner.startsWith("return ")
                    && !inner.endsWith("nil")
                    && inner.split("\n").length == 1) {
                guards.add(new Guard(condition, "error"));
            } else {
                break;
            }
            pos = close + 1;
        }
        String rest = body.substring(pos).trim();
        String returns = null;
        Matcher r = Pattern.compile("(?s)^return\\s+(.+?)\\s*$").matcher(rest);
        if (r.matches() && !rest.substring(6).contains("\n")) {
            String expr = r.group(1);
            if (withError) {
                List<String> parts = Source.splitTopLevel(expr, ',');
                returns = parts.size() == 2 && parts.get(1).trim().equals("nil")
                        ? parts.get(0).trim()
                        : null;
            } else {
                returns = expr.trim();
            }
        }
        if (withError) {
            errorResults.add(fn.name());
        }
        boolean receiverOk = fn.receiverType() == null || structs.getOrDefault(fn.receiverType(), false);
        Set<String> names = new LinkedHashSet<>();
        params.forEach(p -> names.add(p.name()));
        if (fn.receiverName() != null) {
            names.add(fn.receiverName());
        }
        boolean safe = receiverOk && safe(Source.mask(rest, Dialect.GO, true), names, funcNames, params);
        Callable.Role role = fn.receiverType() == null ? Callable.Role.FUNCTION : Callable.Role.METHOD;
        return new Callable(
                role, fn.receiverType(), fn.name(), params, guards, returns, returnType, false, safe, withError, null);
    }

    private static Family family(String type) {
        return switch (type) {
            case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64" -> Family.INT;
            case "float32", "float64" -> Family.FLOAT;
            case "string" -> Family.STRING;
            case "bool" -> Family.BOOL;
            default -> Family.OTHER;
        };
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean safe(String masked, Set<String> params, Set<String> funcs, List<Param> ps) {
        if (Pattern.compile("\\bfor\\s*\\{").matcher(masked).find()) {
            return false;
        }
        Set<String> locals = new LinkedHashSet<>();
        Matcher decl = Pattern.compile("([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*:=|\\bvar\\s+([A-Za-z_]\\w*)")
                .matcher(masked);
        while (decl.find()) {
            String group = decl.group(1) != null ? decl.group(1) : decl.group(2);
            for (String n : group.split(",")) {
                locals.add(n.trim());
            }
        }
        Matcher div = Pattern.compile("[/%]\\s*\\(?\\s*([A-Za-z_]\\w*)").matcher(masked);
        while (div.find()) {
            String d = div.group(1);
            boolean numericParam = ps.stream()
                    .anyMatch(p -> p.name().equals(d) && (p.family() == Family.INT || p.family() == Family.FLOAT));
            if (!numericParam) {
                return false;
            }
        }
        boolean strings = ps.stream().anyMatch(p -> p.family() == Family.STRING);
        if (strings && Pattern.compile("[\\w)\\]]\\s*\\[").matcher(masked).find()) {
            return false;
        }
        for (Source.Word w : Source.words(masked)) {
            String t = w.text();
            if (FORBIDDEN.contains(t)) {
                return false;
            }
            if (KEYWORDS.contains(t)
                    || w.before() == '.'
                    || params.contains(t)
                    || locals.contains(t)
                    || SAFE_PACKAGES.contains(t)
                    || funcs.contains(t)) {
                continue;
            }
            return false;
        }
        return true;
    }

    private static final class GoSyntax implements Syntax {
        @Override
        public Dialect dialect() {
            return Dialect.GO;
        }

        @Override
        public String construct(TypeUnit type, String args) {
            return type.name() + "{}";
        }

        @Override
        public List<String> bind(TypeUnit type, String var, String expression) {
            return List.of(var + " := &" + expression);
        }

        @Override
        public String instanceVar(TypeUnit type) {
            String v = lowerFirst(type.name());
            return KEYWORDS.contains(v) || v.equals(type.name()) ? "subject" : v;
        }

        @Override
        public String call(Callable c, String target, String args) {
            return (target == null ? "" : target + ".") + c.name() + "(" + args + ")";
        }

        @Override
        public String typeReference(TypeUnit type) {
            return type.name();
        }

        @Override
        public String reference(String name, boolean isType) {
            return isType ? name + "{}" : name;
        }

        @Override
        public Value expected(Callable c, Value v) {
            String t = c.returnType();
            if (t == null) {
                return null;
            }
            return switch (family(t)) {
                case INT -> v.isInteger() ? v : null;
                case FLOAT -> v.isNumber() ? new Value(v.asDouble()) : null;
                case STRING -> v.isString() ? v : null;
                case BOOL -> v.isBoolean() ? v : null;
                default -> null;
            };
        }

        @Override
        public List<String> fieldKeys(String field) {
            return List.of(field);
        }
    }

    @Override
    String name(Fact f, boolean flaky) {
        String suite = job.testName() == null || job.testName().isBlank()
                ? ""
                : job.testName().trim().replaceAll("^Test", "").replaceAll("(_test|Test)$", "");
        StringBuilder camel = new StringBuilder();
        for (String part : suite.split("[_\\W]+")) {
            camel.append(upperFirst(part));
        }
        String subject = upperFirst(f.subject());
        String prefix = "Test" + (camel.isEmpty() ? "" : camel + "_");
        if (flaky) {
            return prefix + subject + "IsFastEnough";
        }
        return prefix
                + subject
                + switch (f.kind()) {
                    case AVAILABLE -> "IsAvailable";
                    case CONSTRUCTS -> "ZeroValue";
                    case EQUALS -> "ReturnsExpectedValue";
                    case NOT_NULL -> "ReturnsAValue";
                    case RUNS -> "Runs";
                    case THROWS ->
                        (f.exception().equals("panic") ? "Panics" : "ReturnsError")
                                + (f.detail().isEmpty() ? "" : "For" + upperFirst(f.detail()));
                };
    }

    @Override
    WrittenTest render(List<Case> cases, Defect defect, Random variant) {
        Set<String> imports = new TreeSet<>();
        imports.add("testing");
        List<List<String>> bodies = new ArrayList<>();
        for (Case c : cases) {
            bodies.add(body(c, imports));
        }
        int way = defect == Defect.BUILD_ERROR ? variant.nextInt(2) : -1;
        if (way == 0) {
            imports.add("fmt"); // imported and not used
        }
        Lines out = new Lines();
        out.add("package " + pkg).blank();
        if (imports.size() == 1) {
            out.add("import \"testing\"");
        } else {
            out.add("import (");
            for (String i : imports) {
                out.add("\t\"" + i + "\"");
            }
            out.add(")");
        }
        boolean typoDone = way != 1;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            out.blank();
            out.startCase(c.name());
            out.add("func " + c.name() + "(t *testing.T) {");
            for (String line : bodies.get(i)) {
                if (!typoDone && line.contains(c.fact().subject())) {
                    line = line.replaceFirst(
                            "\\b" + Pattern.quote(c.fact().subject()) + "\\b",
                            misspell(c.fact().subject()));
                    typoDone = true;
                }
                out.add("\t" + line);
            }
            out.add("}");
            out.endCase();
        }
        return out.done();
    }

    private List<String> body(Case c, Set<String> imports) {
        Fact f = c.fact();
        List<String> lines = new ArrayList<>(f.setup());
        if (c.flaky()) {
            imports.add("math/rand");
            if (f.kind() == Fact.Kind.EQUALS || f.kind() == Fact.Kind.RUNS || f.kind() == Fact.Kind.NOT_NULL) {
                lines.add(f.call());
            }
            lines.add("// A quick run usually finishes inside the sampled budget.");
            lines.add("if rand.Intn(2) == 0 {");
            lines.add("\tt.Error(\"took longer than the sampled budget\")");
            lines.add("}");
            return lines;
        }
        String ret = f.type() == null ? "" : f.type();
        switch (f.kind()) {
            case AVAILABLE -> {
                if (c.wrong()) {
                    lines.add("if name := \"" + f.subject().toLowerCase(java.util.Locale.ROOT) + "\"; name != \""
                            + f.subject() + "\" {");
                    lines.add("\tt.Errorf(\"name = %q, want %q\", name, \"" + f.subject() + "\")");
                    lines.add("}");
                } else {
                    lines.add("_ = " + f.call());
                }
            }
            case CONSTRUCTS -> {
                lines.add("v := " + f.call());
                lines.add(c.wrong() ? "t.Errorf(\"unexpected zero value %v\", v)" : "_ = v");
            }
            case RUNS, NOT_NULL -> lines.add(f.call());
            case EQUALS -> {
                Value expected = c.wrong() ? f.expected().wrong() : f.expected();
                String lit = expected.literal(Dialect.GO, null);
                boolean withError = f.call() != null && isErrorResult(f);
                lines.add(withError ? "got, err := " + f.call() : "got := " + f.call());
                if (withError) {
                    lines.add("if err != nil {");
                    lines.add("\tt.Fatalf(\"unexpected error: %v\", err)");
                    lines.add("}");
                }
                if (expected.needsTolerance() || ret.startsWith("float")) {
                    imports.add("math");
                    lines.add("if math.Abs(float64(got)-" + lit + ") > 1e-9 {");
                } else {
                    lines.add("if got != " + lit + " {");
                }
                lines.add("\tt.Errorf(\"" + f.call().replace("\"", "\\\"").replace("%", "%%")
                        + " = %v, want %v\", got, " + lit + ")");
                lines.add("}");
            }
            case THROWS -> {
                boolean panic = f.exception().equals("panic");
                if (panic && c.wrong()) {
                    lines.add("defer func() {");
                    lines.add("\tif r := recover(); r != nil {");
                    lines.add("\t\tt.Errorf(\"unexpected panic: %v\", r)");
                    lines.add("\t}");
                    lines.add("}()");
                    lines.add(f.call());
                } else if (panic) {
                    lines.add("defer func() {");
                    lines.add("\tif recover() == nil {");
                    lines.add("\t\tt.Error(\"want a panic\")");
                    lines.add("\t}");
                    lines.add("}()");
                    lines.add(f.call());
                } else {
                    boolean errorOnly = "error-only".equals(ret);
                    lines.add("if " + (errorOnly ? "err" : "_, err") + " := " + f.call() + "; err "
                            + (c.wrong() ? "!=" : "==") + " nil {");
                    lines.add(c.wrong() ? "\tt.Errorf(\"unexpected error: %v\", err)" : "\tt.Error(\"want an error\")");
                    lines.add("}");
                }
            }
            default -> {}
        }
        return lines;
    }

    private boolean isErrorResult(Fact f) {
        return errorResults.contains(f.subject());
    }

    private final Set<String> errorResults = new LinkedHashSet<>();
}
