package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Java: reads the primary class (its constructors, methods, fields and the guards they start with) and
 * writes a JUnit 4 or JUnit 5 test in the same package, with AssertJ when the build has it.
 */
final class JavaTests extends LanguageWriter {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");
    private static final Pattern TYPE =
            Pattern.compile("\\b(class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern ANNOTATION =
            Pattern.compile("@(?!interface\\b)[\\w.]+(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?");
    private static final String MODIFIERS =
            "public|protected|private|static|final|abstract|synchronized|native|strictfp|default|transient|volatile|sealed|non-sealed";
    private static final Pattern METHOD = Pattern.compile(
            "^((?:(?:" + MODIFIERS
                    + ")\\s+)*)(<.*?>\\s*)?(?:(.+?)\\s+)?([A-Za-z_$][\\w$]*)\\s*\\((.*)\\)\\s*(?:\\[\\]\\s*)*(?:throws\\s+(.+))?$",
            Pattern.DOTALL);
    private static final Pattern COMPACT = Pattern.compile("^((?:(?:" + MODIFIERS + ")\\s+)*)([A-Za-z_$][\\w$]*)$");
    private static final Pattern FIELD = Pattern.compile(
            "^((?:(?:" + MODIFIERS + ")\\s+)*)([\\w.$<>\\[\\],?\\s]+?)\\s+([A-Za-z_$][\\w$]*)\\s*(?:=\\s*(.*))?$",
            Pattern.DOTALL);
    private static final Pattern PARAM =
            Pattern.compile("^(?:final\\s+)?([\\w.$<>\\[\\],?\\s]+?)\\s*(\\.\\.\\.)?\\s+([A-Za-z_$][\\w$]*)$");
    private static final Pattern THROW = Pattern.compile("^throw\\s+new\\s+([\\w.$]+)\\s*\\(");
    private static final Set<String> JAVA_LANG_EXCEPTIONS = Set.of(
            "IllegalArgumentException",
            "IllegalStateException",
            "NullPointerException",
            "ArithmeticException",
            "UnsupportedOperationException",
            "IndexOutOfBoundsException",
            "ArrayIndexOutOfBoundsException",
            "StringIndexOutOfBoundsException",
            "NumberFormatException",
            "ClassCastException",
            "NegativeArraySizeException",
            "RuntimeException",
            "SecurityException",
            "ArrayStoreException");
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "var",
            "true",
            "false",
            "null",
            "yield",
            "record");
    private static final Set<String> FORBIDDEN = Set.of(
            "System",
            "Thread",
            "Runtime",
            "Files",
            "Paths",
            "Path",
            "File",
            "FileInputStream",
            "FileOutputStream",
            "FileReader",
            "FileWriter",
            "BufferedReader",
            "InputStreamReader",
            "Socket",
            "ServerSocket",
            "URL",
            "URI",
            "HttpClient",
            "HttpURLConnection",
            "ProcessBuilder",
            "Process",
            "Executors",
            "ExecutorService",
            "CompletableFuture",
            "Random",
            "SecureRandom",
            "ThreadLocalRandom",
            "Instant",
            "LocalDate",
            "LocalDateTime",
            "LocalTime",
            "ZonedDateTime",
            "OffsetDateTime",
            "Clock",
            "Duration",
            "UUID",
            "Scanner",
            "Console",
            "Class",
            "ClassLoader",
            "DriverManager",
            "Connection",
            "synchronized",
            "wait",
            "notify",
            "notifyAll",
            "sleep",
            "exit",
            "Logger",
            "LoggerFactory",
            "getClass",
            "assert",
            "throw",
            "super");
    private static final Set<String> SAFE_CLASSES = Set.of(
            "Math",
            "String",
            "Integer",
            "Long",
            "Double",
            "Float",
            "Short",
            "Byte",
            "Character",
            "Boolean",
            "Arrays",
            "Collections",
            "List",
            "Map",
            "Set",
            "ArrayList",
            "HashMap",
            "HashSet",
            "LinkedHashMap",
            "LinkedHashSet",
            "TreeMap",
            "TreeSet",
            "LinkedList",
            "ArrayDeque",
            "StringBuilder",
            "BigDecimal",
            "BigInteger",
            "IntStream",
            "LongStream",
            "Stream",
            "Collectors",
            "RoundingMode",
            "MathContext",
            "Number",
            "Comparator",
            "Iterator",
            "Deque",
            "Queue",
            "CharSequence",
            "Override",
            "Collection",
            "Iterable",
            "Object",
            "StringJoiner",
            "Locale",
            "Objects");
    private static final Set<String> RISKY_ON_STRINGS = Set.of(
            "charAt",
            "substring",
            "codePointAt",
            "subSequence",
            "split",
            "parseInt",
            "parseLong",
            "parseDouble",
            "parseFloat",
            "valueOf",
            "decode");

    private String pkg;
    private List<String> codeImports = List.of();
    private String primary;
    private final Map<String, String> exceptionImports = new LinkedHashMap<>();
    private Set<String> usedExceptionImports = new TreeSet<>();

    JavaTests(TestJob job) {
        super(job);
    }

    // ------------------------------------------------------------------ reading

    private record TypeDecl(String kind, String name, String header, int bodyStart, int bodyEnd) {}

    private record Member(String header, int headerStart, int blockStart, int blockEnd) {}

    @Override
    List<Fact> facts() {
        String code = job.code();
        String plain = Source.mask(code, Dialect.JAVA, false);
        String masked = Source.mask(code, Dialect.JAVA, true);
        Matcher p = PACKAGE.matcher(masked);
        pkg = p.find() ? p.group(1) : null;
        List<String> imports = new ArrayList<>();
        Matcher im = IMPORT.matcher(masked);
        while (im.find()) {
            imports.add((im.group(1) == null ? "" : "static ") + im.group(2));
        }
        codeImports = imports;
        List<TypeDecl> types = topLevelTypes(masked);
        TypeDecl decl = pick(types);
        if (decl == null) {
            primary = baseName();
            return List.of();
        }
        primary = decl.name();
        boolean samePackage = samePackage();
        Outline outline = outline(decl, plain, masked, samePackage);
        return Planner.plan(outline, new JavaSyntax());
    }

    private String baseName() {
        String path = job.unitPath() == null ? "Unit.java" : job.unitPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        int hash = file.indexOf('#');
        if (hash >= 0) {
            file = file.substring(0, hash);
        }
        int dot = file.indexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private boolean samePackage() {
        String imports = job.imports() == null ? "" : job.imports().trim();
        return imports.isEmpty() || imports.startsWith("package ");
    }

    private TypeDecl pick(List<TypeDecl> types) {
        String base = baseName();
        String hashName = null;
        if (job.unitPath() != null && job.unitPath().contains("#")) {
            hashName = job.unitPath().substring(job.unitPath().indexOf('#') + 1).replaceAll("@.*$", "");
        }
        for (String want : new String[] {hashName, base}) {
            for (TypeDecl t : types) {
                if (t.name().equals(want)) {
                    return t;
                }
            }
        }
        for (TypeDecl t : types) {
            if (t.header().matches("(?s).*\\bpublic\\b.*")) {
                return t;
            }
        }
        return types.isEmpty() ? null : types.get(0);
    }

    private static List<TypeDecl> topLevelTypes(String masked) {
        List<TypeDecl> out = new ArrayList<>();
        int segStart = 0;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == ';') {
                segStart = i + 1;
            } else if (c == '(') {
                int close = Source.close(masked, i);
                if (close < 0) {
                    break;
                }
                i = close;
            } else if (c == '{') {
                int close = Source.close(masked, i);
                if (close < 0) {
                    close = masked.length() - 1;
                }
                String header = ANNOTATION
                        .matcher(masked.substring(segStart, i))
                        .replaceAll(" ")
                        .trim();
                Matcher t = TYPE.matcher(header);
                if (t.find()) {
                    out.add(new TypeDecl(t.group(1), t.group(2), header.replaceAll("\\s+", " "), i, close));
                }
                i = close;
                segStart = close + 1;
            }
        }
        return out;
    }

    private static List<Member> members(String masked, int from, int to) {
        List<Member> out = new ArrayList<>();
        int segStart = from;
        for (int i = from; i < to; i++) {
            char c = masked.charAt(i);
            if (c == ';') {
                out.add(new Member(masked.substring(segStart, i), segStart, -1, -1));
                segStart = i + 1;
            } else if (c == '(') {
                int close = Source.close(masked, i);
                if (close < 0 || close > to) {
                    break;
                }
                i = close;
            } else if (c == '{') {
                int close = Source.close(masked, i);
                if (close < 0 || close > to) {
                    close = to;
                }
                String header = masked.substring(segStart, i);
                if (header.contains("=")) {
                    i = close; // an initialiser with a block (array, anonymous class, lambda): the field ends at ';'
                    continue;
                }
                out.add(new Member(header, segStart, i, close));
                i = close;
                segStart = close + 1;
            }
        }
        return out;
    }

    private record Field(String type, String init, boolean isStatic, boolean isFinal) {}

    private Outline outline(TypeDecl decl, String plain, String masked, boolean samePackage) {
        String header = decl.header();
        boolean typePublic = header.matches("(?s).*\\bpublic\\b.*");
        if (!samePackage && !typePublic) {
            return new Outline(decl.name(), true, List.of(), List.of());
        }
        if (decl.kind().equals("interface")
                || decl.kind().equals("@interface")
                || decl.kind().equals("enum")) {
            return new Outline(decl.name(), true, List.of(), List.of());
        }
        boolean isAbstract = header.matches("(?s).*\\babstract\\b.*");
        boolean generic = header.matches("(?s).*\\b" + Pattern.quote(decl.name()) + "\\s*<.*");
        List<Member> members = members(masked, decl.bodyStart() + 1, decl.bodyEnd());
        Map<String, Field> fields = new LinkedHashMap<>();
        List<Member> callables = new ArrayList<>();
        boolean staticInit = false;
        for (Member m : members) {
            String h = ANNOTATION.matcher(m.header()).replaceAll(" ").trim().replaceAll("\\s+", " ");
            if (h.isEmpty() || h.equals("static")) {
                staticInit |= h.equals("static") || m.blockStart() >= 0;
                continue;
            }
            if (TYPE.matcher(h).find()) {
                continue; // nested type
            }
            if (m.blockStart() < 0) {
                String raw = ANNOTATION
                        .matcher(plain.substring(
                                m.headerStart(), m.headerStart() + m.header().length()))
                        .replaceAll(" ");
                int eq = h.indexOf('=');
                if (eq < 0 && h.contains("(")) {
                    continue; // abstract or interface method
                }
                Matcher f = FIELD.matcher(raw.trim().replaceAll("\\s+", " "));
                if (f.matches()) {
                    String type = f.group(2).trim();
                    fields.put(
                            f.group(3),
                            new Field(
                                    type,
                                    f.group(4) == null ? null : f.group(4).trim(),
                                    f.group(1).contains("static"),
                                    f.group(1).contains("final")));
                }
                continue;
            }
            callables.add(m);
        }
        List<Param> components = null;
        if (decl.kind().equals("record")) {
            int open = header.indexOf('(');
            int close = open < 0 ? -1 : header.lastIndexOf(')');
            components = open < 0 || close < open ? null : params(header.substring(open + 1, close));
            if (components != null) {
                for (Param c : components) {
                    fields.put(c.name(), new Field(c.declared(), null, false, true));
                }
            }
        }
        Set<String> nonNull = new LinkedHashSet<>();
        Map<String, String> inits = new LinkedHashMap<>();
        fields.forEach((name, f) -> {
            if (primitive(f.type()) || f.init() != null && nonNullExpression(f.init())) {
                nonNull.add(name);
            }
            if (!f.isStatic()) {
                inits.put(name, f.init() == null ? defaultOf(f.type()) : f.init());
            }
        });
        Context ctx = new Context(decl.name(), fields, nonNull, new HashMap<>(), new HashMap<>(), plain, masked);
        boolean fieldsSafe = !staticInit;
        for (Field f : fields.values()) {
            if (f.init() != null && !initialiserSafe(f.init(), ctx)) {
                fieldsSafe = false;
            }
        }
        for (Member m : callables) { // every body first: a call to a method declared further down is judged by its body
            Matcher mm = METHOD.matcher(
                    ANNOTATION.matcher(m.header()).replaceAll(" ").trim().replaceAll("\\s+", " "));
            if (mm.matches()) {
                ctx.bodies()
                        .computeIfAbsent(mm.group(4), k -> new ArrayList<>())
                        .add(new String[] {
                            plain.substring(m.blockStart() + 1, m.blockEnd()),
                            masked.substring(m.blockStart() + 1, m.blockEnd()),
                            mm.group(5)
                        });
            }
        }
        List<Callable> ctors = new ArrayList<>();
        List<Callable> methods = new ArrayList<>();
        boolean anyCtor = false;
        for (Member m : callables) {
            String h = ANNOTATION.matcher(m.header()).replaceAll(" ").trim().replaceAll("\\s+", " ");
            Matcher mm = METHOD.matcher(h);
            Matcher compact = COMPACT.matcher(h);
            String body = plain.substring(m.blockStart() + 1, m.blockEnd());
            String maskedBody = masked.substring(m.blockStart() + 1, m.blockEnd());
            if (decl.kind().equals("record")
                    && compact.matches()
                    && compact.group(2).equals(decl.name())) {
                anyCtor = true;
                continue; // compact canonical constructor: guards read with the record's components below
            }
            if (!mm.matches()) {
                continue;
            }
            String mods = mm.group(1) == null ? "" : mm.group(1);
            boolean isPrivate = mods.contains("private");
            boolean visible = !isPrivate && (samePackage || mods.contains("public"));
            boolean ctor = mm.group(3) == null && mm.group(4).equals(decl.name());
            if (ctor) {
                anyCtor = true;
            }
            if (!visible || mm.group(2) != null || mods.contains("abstract") || mods.contains("native")) {
                continue;
            }
            if (!ctor && mm.group(3) == null) {
                continue;
            }
            List<Param> params = params(mm.group(5));
            if (params == null) {
                continue;
            }
            Callable.Role role = ctor
                    ? Callable.Role.CONSTRUCTOR
                    : mods.contains("static") ? Callable.Role.STATIC : Callable.Role.METHOD;
            if (!ctor && mm.group(4).equals("main") && role == Callable.Role.STATIC) {
                continue;
            }
            Callable c = callable(
                    role,
                    decl.name(),
                    mm.group(4),
                    params,
                    ctor ? null : mm.group(3).trim(),
                    body,
                    maskedBody,
                    mm.group(6) != null,
                    ctx,
                    fieldsSafe);
            (ctor ? ctors : methods).add(c);
        }
        if (decl.kind().equals("record")) {
            List<Param> params = components;
            if (params != null) {
                String body = "";
                String maskedBody = "";
                for (Member m : callables) {
                    Matcher compact = COMPACT.matcher(ANNOTATION
                            .matcher(m.header())
                            .replaceAll(" ")
                            .trim()
                            .replaceAll("\\s+", " "));
                    if (compact.matches() && compact.group(2).equals(decl.name())) {
                        body = plain.substring(m.blockStart() + 1, m.blockEnd());
                        maskedBody = masked.substring(m.blockStart() + 1, m.blockEnd());
                    }
                }
                Callable canonical = callable(
                        Callable.Role.CONSTRUCTOR,
                        decl.name(),
                        decl.name(),
                        params,
                        null,
                        body,
                        maskedBody,
                        false,
                        ctx,
                        fieldsSafe);
                if (canonical.assigns() != null) {
                    Map<String, String> assigns = new LinkedHashMap<>();
                    params.forEach(p -> assigns.put(p.name(), p.name()));
                    assigns.putAll(canonical.assigns()); // a compact constructor's reassignments are what is stored
                    canonical = new Callable(
                            canonical.role(),
                            canonical.owner(),
                            canonical.name(),
                            canonical.params(),
                            canonical.guards(),
                            null,
                            null,
                            false,
                            canonical.safe(),
                            false,
                            assigns);
                }
                ctors.add(0, canonical);
                Set<String> declared = new LinkedHashSet<>();
                methods.forEach(m -> declared.add(m.name()));
                for (Param c : params) {
                    if (c.supported() && !declared.contains(c.name())) {
                        methods.add(new Callable(
                                Callable.Role.METHOD,
                                decl.name(),
                                c.name(),
                                List.of(),
                                List.of(),
                                c.name(),
                                c.declared(),
                                false,
                                true,
                                false,
                                null));
                    }
                }
            }
            anyCtor = true;
        }
        Map<Integer, Long> arities = new HashMap<>();
        ctors.forEach(c -> arities.merge(c.params().size(), 1L, Long::sum));
        ctors.replaceAll(c -> arities.get(c.params().size()) == 1 ? Planner.nullCollaborators(c, Dialect.JAVA) : c);
        boolean instantiable =
                decl.kind().equals("class") && !isAbstract || decl.kind().equals("record");
        boolean implicit = !anyCtor && !job.split() && decl.kind().equals("class");
        TypeUnit type = new TypeUnit(
                decl.name(),
                instantiable && fieldsSafe,
                ctors,
                implicit && fieldsSafe,
                inits,
                nonNull,
                methods,
                generic);
        Map<String, String> constants = new LinkedHashMap<>();
        fields.forEach((name, f) -> {
            if (f.isStatic() && f.isFinal() && f.init() != null) {
                constants.put(name, f.init());
            }
        });
        return new Outline(decl.name(), true, List.of(type), List.of(), constants);
    }

    private static final Set<String> PRIMITIVES =
            Set.of("int", "long", "short", "byte", "double", "float", "boolean", "char");

    private static boolean primitive(String type) {
        return PRIMITIVES.contains(type);
    }

    private static String defaultOf(String type) {
        return switch (type) {
            case "int", "long", "short", "byte" -> "0";
            case "double", "float" -> "0.0";
            case "boolean" -> "false";
            default -> null;
        };
    }

    private static boolean nonNullExpression(String expr) {
        String e = expr.trim();
        if (e.matches(
                "(?s)^(new\\s|\"|String\\.(valueOf|format|join)\\(|List\\.of\\(|Set\\.of\\(|Map\\.of\\(|Map\\.entry\\(|"
                        + "Optional\\.|Collections\\.(unmodifiable|empty|singleton)|Arrays\\.asList\\(|Objects\\.requireNonNull\\(|"
                        + "Integer\\.valueOf\\(|Long\\.valueOf\\(|Double\\.valueOf\\(|Boolean\\.valueOf\\().*")) {
            return true;
        }
        if (e.matches("-?\\d[\\d_]*[lLfFdD]?|-?\\d*\\.\\d+[fFdD]?|true|false")) {
            return true;
        }
        return e.contains("\"")
                && Source.splitTopLevel(Source.mask(e, Dialect.JAVA, true), '+').size() > 1;
    }

    /** Parameters, or null when one cannot be read. */
    private static List<Param> params(String text) {
        List<Param> out = new ArrayList<>();
        for (String raw :
                Source.splitTopLevel(ANNOTATION.matcher(text).replaceAll(" ").trim(), ',')) {
            Matcher m = PARAM.matcher(raw.trim().replaceAll("\\s+", " "));
            if (!m.matches()) {
                return null;
            }
            String type = m.group(1).trim();
            boolean varargs = m.group(2) != null;
            Family family = varargs
                    ? Family.OTHER
                    : switch (type) {
                        case "int", "long", "short", "byte", "Integer", "Long", "Short", "Byte" -> Family.INT;
                        case "double", "float", "Double", "Float" -> Family.FLOAT;
                        case "String", "CharSequence" -> Family.STRING;
                        case "boolean", "Boolean" -> Family.BOOL;
                        default -> Family.OTHER;
                    };
            boolean nullable = !primitive(type);
            out.add(new Param(m.group(3), family, type, null, nullable));
        }
        return out;
    }

    private record Context(
            String className,
            Map<String, Field> fields,
            Set<String> nonNullFields,
            Map<String, List<String[]>> bodies,
            Map<String, Boolean> safeMethods,
            String plain,
            String masked) {}

    private Callable callable(
            Callable.Role role,
            String owner,
            String name,
            List<Param> params,
            String returnType,
            String body,
            String maskedBody,
            boolean checked,
            Context ctx,
            boolean fieldsSafe) {
        List<Guard> guards = new ArrayList<>();
        int pos = 0;
        while (true) {
            int start = skipSpace(maskedBody, pos);
            if (maskedBody.startsWith("if", start)
                    && start + 2 < maskedBody.length()
                    && !Character.isJavaIdentifierPart(maskedBody.charAt(start + 2))) {
                int open = maskedBody.indexOf('(', start);
                int close = open < 0 ? -1 : Source.close(maskedBody, open);
                if (close < 0) {
                    break;
                }
                int after = skipSpace(maskedBody, close + 1);
                boolean braced = after < maskedBody.length() && maskedBody.charAt(after) == '{';
                int stmt = braced ? skipSpace(maskedBody, after + 1) : after;
                Matcher t = THROW.matcher(maskedBody.substring(stmt));
                if (!t.find()) {
                    break;
                }
                int semi = statementEnd(maskedBody, stmt);
                if (semi < 0) {
                    break;
                }
                int end = semi + 1;
                if (braced) {
                    int closeBrace = skipSpace(maskedBody, end);
                    if (closeBrace >= maskedBody.length() || maskedBody.charAt(closeBrace) != '}') {
                        break;
                    }
                    end = closeBrace + 1;
                }
                int elseAt = skipSpace(maskedBody, end);
                if (maskedBody.startsWith("else", elseAt)) {
                    break;
                }
                guards.add(new Guard(body.substring(open + 1, close).trim(), exception(t.group(1))));
                pos = end;
                continue;
            }
            Matcher rnn = Pattern.compile("^Objects\\.requireNonNull\\(\\s*([A-Za-z_$][\\w$]*)\\s*(?:,[^;]*)?\\)\\s*;")
                    .matcher(maskedBody.substring(start));
            if (rnn.find() && params.stream().anyMatch(p -> p.name().equals(rnn.group(1)))) {
                guards.add(new Guard(rnn.group(1) + " == null", "NullPointerException"));
                pos = start + rnn.end();
                continue;
            }
            break;
        }
        String rest = body.substring(Math.min(pos, body.length()));
        String maskedRest = maskedBody.substring(Math.min(pos, maskedBody.length()));
        String returns = null;
        Matcher ret = Pattern.compile("(?s)^\\s*return\\s+(.*?);\\s*$").matcher(maskedRest);
        if (ret.matches() && statementEnd(maskedRest, maskedRest.indexOf("return")) == maskedRest.lastIndexOf(';')) {
            returns = rest.substring(ret.start(1), ret.end(1)).trim();
        }
        Map<String, String> assigns = null;
        if (role == Callable.Role.CONSTRUCTOR) {
            assigns = new LinkedHashMap<>();
            for (String stmt : statements(rest, maskedRest)) {
                Matcher a = Pattern.compile("(?s)^(?:this\\.)?([A-Za-z_$][\\w$]*)\\s*=\\s*(.+)$")
                        .matcher(stmt);
                if (a.matches() && ctx.fields().containsKey(a.group(1))) {
                    String expr = a.group(2).trim();
                    Matcher rnn = Pattern.compile("^Objects\\.requireNonNull\\(\\s*([A-Za-z_$][\\w$]*)\\s*(?:,.*)?\\)$")
                            .matcher(expr);
                    assigns.put(a.group(1), rnn.matches() ? rnn.group(1) : expr);
                    if (rnn.matches() && params.stream().anyMatch(p -> p.name().equals(rnn.group(1)))) {
                        guards.add(new Guard(rnn.group(1) + " == null", "NullPointerException"));
                    }
                } else {
                    assigns = null;
                    break;
                }
            }
        }
        boolean nonNull = false;
        if (returnType != null && !primitive(returnType) && !returnType.equals("void")) {
            List<String> returned = new ArrayList<>();
            Matcher r = Pattern.compile("\\breturn\\b").matcher(maskedRest);
            nonNull = true;
            while (r.find()) {
                int end = statementEnd(maskedRest, r.start());
                if (end < 0) {
                    nonNull = false;
                    break;
                }
                returned.add(rest.substring(r.end(), end).trim());
            }
            nonNull &= !returned.isEmpty() && returned.stream().allMatch(JavaTests::nonNullExpression);
        }
        boolean stringParams = params.stream().anyMatch(p -> p.family() == Family.STRING);
        Map<String, Family> families = new HashMap<>();
        params.forEach(p -> families.put(p.name(), p.family()));
        boolean safe = fieldsSafe
                && bodySafe(
                        maskedRest, families, stringParams, ctx, role == Callable.Role.STATIC, new LinkedHashSet<>());
        if (role == Callable.Role.CONSTRUCTOR
                && Pattern.compile("^\\s*(this|super)\\s*\\(")
                        .matcher(maskedRest)
                        .find()) {
            safe = false;
        }
        if (checked) {
            checkedCallables.add(role == Callable.Role.CONSTRUCTOR ? owner : name);
        }
        return new Callable(role, owner, name, params, guards, returns, returnType, nonNull, safe, checked, assigns);
    }

    private String exception(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (JAVA_LANG_EXCEPTIONS.contains(simple) && (name.equals(simple) || name.startsWith("java.lang."))) {
            return simple;
        }
        if (name.contains(".")) {
            exceptionImports.put(simple, name);
            return simple;
        }
        for (String imp : codeImports) {
            if (imp.endsWith("." + simple)) {
                exceptionImports.put(simple, imp);
                return simple;
            }
        }
        boolean wildcards = codeImports.stream().anyMatch(i -> i.endsWith(".*") && !i.startsWith("static "));
        if (wildcards || !samePackage()) {
            return null; // the test could not be sure to name it
        }
        return simple; // declared in the same package
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The ';' ending the statement starting at {@code from}, outside brackets; -1 when none. */
    private static int statementEnd(String masked, int from) {
        int depth = 0;
        for (int i = from; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth < 0) {
                    return -1;
                }
            } else if (c == ';' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> statements(String plain, String masked) {
        List<String> out = new ArrayList<>();
        int i = skipSpace(masked, 0);
        while (i < masked.length()) {
            int end = statementEnd(masked, i);
            if (end < 0) {
                if (!masked.substring(i).isBlank()) {
                    out.add("<unreadable>");
                }
                break;
            }
            out.add(plain.substring(i, end).trim());
            i = skipSpace(masked, end + 1);
        }
        return out;
    }

    private boolean initialiserSafe(String init, Context ctx) {
        return bodySafe(Source.mask(init, Dialect.JAVA, true), Map.of(), false, ctx, true, new LinkedHashSet<>());
    }

    /**
     * Whether running this code with ordinary arguments can only do what the code shows: it calls nothing
     * the model does not know, dereferences no field that may be null, touches no clock, file, network,
     * randomness or thread, and throws nothing past its guards.
     */
    private boolean bodySafe(
            String masked,
            Map<String, Family> params,
            boolean stringParams,
            Context ctx,
            boolean isStatic,
            Set<String> visiting) {
        if (Pattern.compile("while\\s*\\(\\s*true\\s*\\)|for\\s*\\(\\s*;\\s*;\\s*\\)|\\bdo\\s*\\{")
                .matcher(masked)
                .find()) {
            return false;
        }
        Set<String> locals = locals(masked);
        Matcher div = Pattern.compile("[/%]\\s*\\(?\\s*([A-Za-z_$][\\w$]*)").matcher(masked);
        while (div.find()) {
            String d = div.group(1);
            if (!params.containsKey(d) || params.get(d) != Family.INT && params.get(d) != Family.FLOAT) {
                return false; // a divisor the model cannot vouch for being non-zero
            }
        }
        if (stringParams
                && Pattern.compile("[\\w)\\]]\\s*\\[(?!\\s*\\])")
                        .matcher(masked)
                        .find()) {
            return false; // indexing into something derived from a string argument
        }
        List<Source.Word> words = Source.words(masked);
        for (int k = 0; k < words.size(); k++) {
            Source.Word w = words.get(k);
            String t = w.text();
            if (FORBIDDEN.contains(t)) {
                return false;
            }
            if (KEYWORDS.contains(t) && !t.equals("this")) {
                continue;
            }
            if (w.before() == '.') {
                if (RISKY_ON_STRINGS.contains(t) && stringParams) {
                    return false;
                }
                if ((t.equals("get") || t.equals("orElseThrow") || t.equals("getAsInt") || t.equals("getAsDouble"))
                        && w.afterText().startsWith("()")) {
                    return false;
                }
                continue;
            }
            boolean isNew = k > 0
                    && words.get(k - 1).text().equals("new")
                    && words.get(k - 1).end() <= w.start();
            if (isNew) {
                if (!(SAFE_CLASSES.contains(t)
                        || t.equals(ctx.className())
                        || t.endsWith("Exception")
                        || primitive(t))) {
                    return false;
                }
                continue;
            }
            if (w.after() == '(') {
                if (ctx.bodies().containsKey(t) && !t.equals(ctx.className())) {
                    if (!ownSafe(t, ctx, visiting)) {
                        return false;
                    }
                    continue;
                }
                return false;
            }
            if (t.equals("this")) {
                if (isStatic) {
                    return false;
                }
                if (w.after() == '.' && k + 1 < words.size()) {
                    Source.Word next = words.get(k + 1);
                    if ((next.after() == '.' || next.after() == '[')
                            && ctx.fields().containsKey(next.text())
                            && !ctx.nonNullFields().contains(next.text())) {
                        return false;
                    }
                }
                continue;
            }
            if (params.containsKey(t) || locals.contains(t)) {
                continue;
            }
            if (ctx.fields().containsKey(t)) {
                Field f = ctx.fields().get(t);
                if (isStatic && !f.isStatic()) {
                    return false;
                }
                if ((w.after() == '.' || w.after() == '[')
                        && !ctx.nonNullFields().contains(t)) {
                    return false;
                }
                continue;
            }
            if (SAFE_CLASSES.contains(t) || t.equals(ctx.className()) || t.endsWith("Exception") && w.after() != '.') {
                continue;
            }
            return false;
        }
        return true;
    }

    private boolean ownSafe(String method, Context ctx, Set<String> visiting) {
        Boolean known = ctx.safeMethods().get(method);
        if (known != null) {
            return known;
        }
        if (!visiting.add(method)) {
            return true; // recursion: judged by the outer call
        }
        boolean safe = true;
        for (String[] b : ctx.bodies().get(method)) { // every overload: the model does not resolve which one is called
            Map<String, Family> params = new HashMap<>();
            List<Param> ps = params(b[2]);
            boolean strings = false;
            if (ps == null) {
                safe = false;
                break;
            }
            for (Param p : ps) {
                params.put(p.name(), p.family() == Family.OTHER ? Family.STRING : p.family());
                strings |= p.family() == Family.STRING || p.family() == Family.OTHER;
            }
            safe &= bodySafe(b[1], params, strings, ctx, false, visiting) && !b[1].contains("throw");
        }
        visiting.remove(method);
        ctx.safeMethods().put(method, safe);
        return safe;
    }

    private static Set<String> locals(String masked) {
        Set<String> out = new LinkedHashSet<>();
        Matcher decl = Pattern.compile(
                        "(?:\\b(?:int|long|double|float|boolean|char|byte|short|var|[A-Z][\\w$]*(?:<[^;=(){}]*>)?)"
                                + "(?:\\[\\])*\\s+)([a-z_$][\\w$]*)\\s*(?=[=;:,)])")
                .matcher(masked);
        while (decl.find()) {
            out.add(decl.group(1));
        }
        out.addAll(Source.lambdaParams(masked));
        return out;
    }

    // ------------------------------------------------------------------ syntax

    private static final class JavaSyntax implements Syntax {
        @Override
        public Dialect dialect() {
            return Dialect.JAVA;
        }

        @Override
        public String construct(TypeUnit type, String args) {
            return "new " + type.name() + (type.generic() ? "<>" : "") + "(" + args + ")";
        }

        @Override
        public List<String> bind(TypeUnit type, String var, String expression) {
            return List.of(type.name() + (type.generic() ? "<?>" : "") + " " + var + " = " + expression + ";");
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
            return name + ".class";
        }

        @Override
        public Value expected(Callable c, Value v) {
            String t = c.returnType();
            if (t == null) {
                return null;
            }
            return switch (t) {
                case "int", "Integer" ->
                    v.v() instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? v : null;
                case "short", "Short" ->
                    v.v() instanceof Long l && l >= Short.MIN_VALUE && l <= Short.MAX_VALUE ? v : null;
                case "byte", "Byte" -> v.v() instanceof Long l && l >= Byte.MIN_VALUE && l <= Byte.MAX_VALUE ? v : null;
                case "long", "Long" -> v.v() instanceof Long ? v : null;
                case "double", "Double", "float", "Float" ->
                    v.isNumber() && !Double.isNaN(v.asDouble()) ? new Value(v.asDouble()) : null;
                case "String" -> v.isString() ? v : null;
                case "boolean", "Boolean" -> v.isBoolean() ? v : null;
                default -> null;
            };
        }

        @Override
        public List<String> fieldKeys(String field) {
            return List.of("this." + field, field);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    String name(Fact f, boolean flaky) {
        String subject = lowerFirst(f.subject());
        if (flaky) {
            return subject + "IsFastEnough";
        }
        return switch (f.kind()) {
            case AVAILABLE -> subject + "IsAvailable";
            case CONSTRUCTS -> "constructs" + upperFirst(f.subject());
            case EQUALS -> subject + "ReturnsTheExpectedValue";
            case NOT_NULL -> subject + "ReturnsAValue";
            case RUNS -> subject + "RunsWithoutThrowing";
            case THROWS ->
                (f.call().startsWith("new ") ? subject + "Constructor" : subject) + "Throws" + f.exception()
                        + (f.detail().isEmpty()
                                ? ""
                                : "For" + upperFirst(f.detail().replaceAll("\\W", "")));
        };
    }

    private boolean junit4() {
        return job.framework().equals("junit4");
    }

    @Override
    WrittenTest render(List<Case> cases, Defect defect, Random variant) {
        boolean assertj = job.hasLibrary("assertj") && variant.nextBoolean();
        String className = job.testName() != null && !job.testName().isBlank()
                ? job.testName().trim()
                : primary + "Test";
        String testPackage = pkg;
        String imports = job.imports() == null ? "" : job.imports().trim();
        List<String> extraImports = new ArrayList<>();
        if (imports.startsWith("package ")) {
            Matcher m = Pattern.compile("^package\\s+([\\w.]+)").matcher(imports);
            if (m.find()) {
                testPackage = m.group(1);
            }
        } else if (!imports.isEmpty()) {
            for (String line : imports.split("[;\\n]")) {
                String l = line.trim();
                if (l.startsWith("import ")) {
                    extraImports.add(l.substring(7).trim());
                } else if (!l.isEmpty() && l.matches("[\\w.]+(\\.\\*)?")) {
                    extraImports.add(l);
                }
            }
        }
        Set<String> statics = new TreeSet<>();
        List<String> bodyLines = new ArrayList<>();
        Map<String, int[]> spans = new LinkedHashMap<>();
        usedExceptionImports = new TreeSet<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<String> body = caseBody(c, assertj, statics);
            if (i > 0) {
                bodyLines.add("");
            }
            int first = bodyLines.size();
            bodyLines.add("@Test");
            String throwsClause = mayThrowChecked(c.fact()) ? " throws Exception" : "";
            bodyLines.add((junit4() ? "public " : "") + "void " + c.name() + "()" + throwsClause + " {");
            for (String b : body) {
                bodyLines.add("    " + b);
            }
            bodyLines.add("}");
            spans.put(c.name(), new int[] {first, bodyLines.size() - 1});
        }
        List<String> importLines = new ArrayList<>();
        for (String s : statics) {
            importLines.add("import static " + s + ";");
        }
        Set<String> regular = new TreeSet<>();
        regular.add(junit4() ? "org.junit.Test" : "org.junit.jupiter.api.Test");
        regular.addAll(extraImports);
        for (String e : usedExceptionImports) {
            if (!(testPackage != null && e.equals(testPackage + "." + e.substring(e.lastIndexOf('.') + 1)))) {
                regular.add(e);
            }
        }
        if (!statics.isEmpty()) {
            importLines.add("");
        }
        for (String r : regular) {
            importLines.add("import " + r + ";");
        }
        // Build-error defect: one of the ways a first try fails to compile
        String misspelledType = null;
        int dropImport = -1;
        String misspelledCall = null;
        if (defect == Defect.BUILD_ERROR) {
            List<Integer> ways = new ArrayList<>(List.of(0, 1));
            String callTarget = null;
            for (Case c : cases) {
                Fact f = c.fact();
                if (callTarget == null
                        && (f.kind() == Fact.Kind.EQUALS
                                || f.kind() == Fact.Kind.NOT_NULL
                                || f.kind() == Fact.Kind.RUNS)) {
                    callTarget = f.subject();
                }
            }
            if (callTarget != null) {
                ways.add(2);
            }
            int way = ways.get(variant.nextInt(ways.size()));
            if (way == 0 || statics.isEmpty()) {
                misspelledType = primary;
            } else if (way == 1) {
                dropImport = 0; // the first static import: the assertion it brings no longer resolves
            } else {
                misspelledCall = callTarget;
            }
        }
        Lines out = new Lines();
        if (testPackage != null) {
            out.add("package " + testPackage + ";").blank();
        }
        for (int i = 0; i < importLines.size(); i++) {
            if (i == dropImport) {
                continue;
            }
            out.add(importLines.get(i));
        }
        out.blank();
        out.add((junit4() ? "public " : "") + "class " + className + " {");
        boolean typoDone = false;
        for (int i = 0; i < bodyLines.size(); i++) {
            String line = bodyLines.get(i);
            if (!typoDone && misspelledType != null && line.contains(misspelledType)) {
                line = line.replaceFirst("\\b" + Pattern.quote(misspelledType) + "\\b", misspell(misspelledType));
                typoDone = true;
            }
            if (!typoDone && misspelledCall != null && line.contains("." + misspelledCall + "(")) {
                line = line.replaceFirst(
                        "\\." + Pattern.quote(misspelledCall) + "\\(", "." + misspell(misspelledCall) + "(");
                typoDone = true;
            }
            for (Map.Entry<String, int[]> s : spans.entrySet()) {
                if (s.getValue()[0] == i) {
                    out.startCase(s.getKey());
                }
            }
            out.add(line.isEmpty() ? "" : "    " + line);
            for (Map.Entry<String, int[]> s : spans.entrySet()) {
                if (s.getValue()[1] == i) {
                    out.endCase();
                }
            }
        }
        out.add("}");
        return out.done();
    }

    private boolean mayThrowChecked(Fact f) {
        return checkedCallables.contains(f.subject())
                || !f.setup().isEmpty() && checkedCallables.contains(primary)
                || f.kind() == Fact.Kind.CONSTRUCTS && checkedCallables.contains(primary);
    }

    private final Set<String> checkedCallables = new LinkedHashSet<>();

    private List<String> caseBody(Case c, boolean assertj, Set<String> statics) {
        Fact f = c.fact();
        List<String> lines = new ArrayList<>(f.setup());
        String junit = junit4() ? "org.junit.Assert." : "org.junit.jupiter.api.Assertions.";
        String aj = "org.assertj.core.api.Assertions.";
        if (c.flaky()) {
            if (f.kind() == Fact.Kind.EQUALS || f.kind() == Fact.Kind.NOT_NULL || f.kind() == Fact.Kind.RUNS) {
                lines.add(f.call() + ";");
            }
            lines.add("// A quick run usually finishes inside the sampled budget.");
            if (assertj) {
                statics.add(aj + "assertThat");
                lines.add("assertThat(Math.random()).isLessThan(0.5);");
            } else {
                statics.add(junit + "assertTrue");
                lines.add("assertTrue(Math.random() < 0.5);");
            }
            return lines;
        }
        switch (f.kind()) {
            case AVAILABLE -> {
                if (c.wrong()) {
                    String wrongName =
                            f.subject().toLowerCase(java.util.Locale.ROOT).equals(f.subject())
                                    ? upperFirst(f.subject())
                                    : f.subject().toLowerCase(java.util.Locale.ROOT);
                    if (assertj) {
                        statics.add(aj + "assertThat");
                        lines.add("assertThat(" + f.call() + ".getSimpleName()).isEqualTo(\"" + wrongName + "\");");
                    } else {
                        statics.add(junit + "assertEquals");
                        lines.add("assertEquals(\"" + wrongName + "\", " + f.call() + ".getSimpleName());");
                    }
                } else if (assertj) {
                    statics.add(aj + "assertThat");
                    lines.add("assertThat(" + f.call() + ").isNotNull();");
                } else {
                    statics.add(junit + "assertNotNull");
                    lines.add("assertNotNull(" + f.call() + ");");
                }
            }
            case CONSTRUCTS -> {
                lines.add("Object created = " + f.call() + ";");
                nullCheck(lines, "created", !c.wrong(), assertj, statics);
            }
            case NOT_NULL -> {
                lines.add("Object actual = " + f.call() + ";");
                nullCheck(lines, "actual", !c.wrong(), assertj, statics);
            }
            case RUNS -> lines.add(f.call() + ";");
            case EQUALS -> {
                String type =
                        switch (f.type()) {
                            case "Integer" -> "int";
                            case "Long" -> "long";
                            case "Short" -> "short";
                            case "Byte" -> "byte";
                            case "Double" -> "double";
                            case "Float" -> "float";
                            case "Boolean" -> "boolean";
                            case "CharSequence" -> "String";
                            default -> f.type();
                        };
                Value expected = c.wrong() ? f.expected().wrong() : f.expected();
                if (type.equals("String") && !(expected.v() instanceof String)) {
                    expected = new Value(String.valueOf(expected.v()));
                }
                lines.add(type + " actual = " + f.call() + ";");
                String lit = expected.literal(Dialect.JAVA, type);
                boolean floating = type.equals("double") || type.equals("float");
                String delta = type.equals("float") ? "1e-4f" : "1e-9";
                if (assertj) {
                    statics.add(aj + "assertThat");
                    if (type.equals("boolean")) {
                        lines.add("assertThat(actual)." + ((Boolean) expected.v() ? "isTrue" : "isFalse") + "();");
                    } else if (floating) {
                        statics.add(aj + "within");
                        lines.add("assertThat(actual).isCloseTo(" + lit + ", within(" + delta + "));");
                    } else {
                        lines.add("assertThat(actual).isEqualTo(" + lit + ");");
                    }
                } else if (type.equals("boolean")) {
                    String a = (Boolean) expected.v() ? "assertTrue" : "assertFalse";
                    statics.add(junit + a);
                    lines.add(a + "(actual);");
                } else {
                    statics.add(junit + "assertEquals");
                    lines.add("assertEquals(" + lit + ", actual" + (floating ? ", " + delta : "") + ");");
                }
            }
            case THROWS -> {
                String exception = c.wrong() ? wrongException(f.exception()) : f.exception();
                String imported = exceptionImports.get(exception);
                if (imported != null) {
                    usedExceptionImports.add(imported);
                }
                if (assertj) {
                    statics.add(aj + "assertThatThrownBy");
                    lines.add("assertThatThrownBy(() -> " + f.call() + ").isInstanceOf(" + exception + ".class);");
                } else if (junit4()) {
                    statics.add(junit + "fail");
                    lines.add("try {");
                    lines.add("    " + f.call() + ";");
                    lines.add("    fail(\"expected " + exception + "\");");
                    lines.add("} catch (" + exception + " expected) {");
                    lines.add("    // rejected as the code says");
                    lines.add("}");
                } else {
                    statics.add(junit + "assertThrows");
                    lines.add("assertThrows(" + exception + ".class, () -> " + f.call() + ");");
                }
            }
            default -> {}
        }
        return lines;
    }

    private static String wrongException(String e) {
        return e.equals("IllegalStateException") ? "UnsupportedOperationException" : "IllegalStateException";
    }

    private void nullCheck(List<String> lines, String var, boolean notNull, boolean assertj, Set<String> statics) {
        String junit = junit4() ? "org.junit.Assert." : "org.junit.jupiter.api.Assertions.";
        if (assertj) {
            statics.add("org.assertj.core.api.Assertions.assertThat");
            lines.add("assertThat(" + var + ")." + (notNull ? "isNotNull" : "isNull") + "();");
        } else {
            String a = notNull ? "assertNotNull" : "assertNull";
            statics.add(junit + a);
            lines.add(a + "(" + var + ");");
        }
    }
}
