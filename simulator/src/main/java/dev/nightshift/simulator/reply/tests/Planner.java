package dev.nightshift.simulator.reply.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what the simulated model's test asserts, from what it read of the code alone: that the class or
 * function exists, that a class constructs, what a call returns when its body is one expression over
 * its arguments, that a call returns something or runs, and that an argument the code visibly rejects
 * is rejected with the exception the code names. Arguments are small and ordinary ({@code 6, 3},
 * {@code "abc"}); guards are evaluated to choose arguments that pass them, and arguments that fail one.
 */
final class Planner {
    static final int MAX_FACTS = 24;
    private static final long[] INTS = {6, 3, 2, 5, 4, 7, 8, 9};
    private static final String[] STRINGS = {"abc", "xyz", "foo", "bar"};

    private final Syntax syntax;
    private final Dialect dialect;
    private final Map<String, Value> constants = new HashMap<>();

    private Planner(Syntax syntax) {
        this.syntax = syntax;
        this.dialect = syntax.dialect();
    }

    static List<Fact> plan(Outline outline, Syntax syntax) {
        return new Planner(syntax).plan(outline);
    }

    private List<Fact> plan(Outline outline) {
        outline.constants().forEach((name, init) -> {
            if (init != null && Evaluator.evaluate(init, dialect, constants) instanceof Evaluator.Outcome.Returned r) {
                constants.put(name, r.value());
            }
        });
        List<Fact> facts = new ArrayList<>();
        if (outline.primary() != null) {
            facts.add(Fact.available(outline.primary(), syntax.reference(outline.primary(), outline.primaryIsType())));
        }
        for (TypeUnit type : outline.types()) {
            facts.addAll(type(type));
        }
        for (Callable f : outline.functions()) {
            facts.addAll(member(f, null, List.of(), Map.of()));
        }
        return facts.size() > MAX_FACTS ? List.copyOf(facts.subList(0, MAX_FACTS)) : facts;
    }

    private List<Fact> type(TypeUnit type) {
        List<Fact> facts = new ArrayList<>();
        String var = syntax.instanceVar(type);
        List<String> setup = null;
        Map<String, Value> fields = Map.of();
        if (type.instantiable()) {
            Callable chosen = null;
            List<Value> args = null;
            if (type.implicitConstructor()) {
                args = List.of();
            } else {
                for (Callable ctor : type.constructors()) {
                    if (!ctor.safe() || !ctor.paramsSupported()) {
                        continue;
                    }
                    List<Value> happy = happy(ctor, Map.of());
                    if (happy != null) {
                        chosen = ctor;
                        args = happy;
                        break;
                    }
                }
            }
            if (args != null) {
                String construction = syntax.construct(type, render(chosen, args));
                setup = syntax.bind(type, var, construction);
                fields = fields(type, chosen, args);
                facts.add(new Fact(
                        Fact.Kind.CONSTRUCTS,
                        type.name(),
                        List.of(),
                        construction,
                        null,
                        type.name(),
                        null,
                        detail(chosen, args)));
            }
            for (Callable ctor : type.constructors()) {
                if (ctor.paramsSupported()) {
                    facts.addAll(throwing(ctor, type, List.of(), Map.of()));
                }
            }
        }
        for (Callable m : type.methods()) {
            if (m.role() == Callable.Role.STATIC) {
                facts.addAll(member(m, syntax.typeReference(type), List.of(), Map.of()));
            } else if (setup != null) {
                facts.addAll(member(m, var, setup, fields));
            }
        }
        return facts;
    }

    /** Field values right after construction, when the constructor only assigns evaluable expressions. */
    private Map<String, Value> fields(TypeUnit type, Callable ctor, List<Value> args) {
        Map<String, Value> scope = new HashMap<>(constants);
        type.fieldInits().forEach((field, init) -> {
            if (init != null && Evaluator.evaluate(init, dialect, constants) instanceof Evaluator.Outcome.Returned r) {
                for (String key : syntax.fieldKeys(field)) {
                    scope.put(key, r.value());
                }
            }
        });
        if (ctor == null) {
            return scope;
        }
        if (ctor.assigns() == null) {
            return new HashMap<>(constants);
        }
        Map<String, Value> ctorScope = new HashMap<>(scope);
        ctorScope.putAll(arguments(ctor, args));
        for (Map.Entry<String, String> a : ctor.assigns().entrySet()) {
            List<String> keys = syntax.fieldKeys(a.getKey());
            if (Evaluator.evaluate(a.getValue(), dialect, ctorScope) instanceof Evaluator.Outcome.Returned r) {
                for (String key : keys) {
                    scope.put(key, r.value());
                    if (key.contains(".")) {
                        ctorScope.put(key, r.value());
                    }
                }
            } else {
                keys.forEach(scope::remove);
            }
        }
        return scope;
    }

    private List<Fact> member(Callable m, String target, List<String> setup, Map<String, Value> fields) {
        List<Fact> facts = new ArrayList<>();
        if (!m.paramsSupported()) {
            return facts;
        }
        List<Value> happy = m.safe() ? happy(m, fields) : null;
        if (happy != null) {
            String call = syntax.call(m, target, render(m, happy));
            Fact.Kind kind = m.isVoid() ? Fact.Kind.RUNS : m.nonNull() ? Fact.Kind.NOT_NULL : Fact.Kind.RUNS;
            Value expected = null;
            if (m.returns() != null && !m.isVoid()) {
                Map<String, Value> scope = new HashMap<>(constants);
                scope.putAll(fields);
                scope.putAll(arguments(m, happy));
                if (Evaluator.evaluate(m.returns(), dialect, scope) instanceof Evaluator.Outcome.Returned r) {
                    expected = syntax.expected(m, r.value());
                } else if (Evaluator.evaluate(m.returns(), dialect, scope) instanceof Evaluator.Outcome.Raised) {
                    kind = null; // the ordinary arguments would make it throw: do not call it
                }
            }
            if (expected != null) {
                facts.add(new Fact(
                        Fact.Kind.EQUALS, m.name(), setup, call, expected, m.returnType(), null, detail(m, happy)));
            } else if (kind != null) {
                facts.add(new Fact(kind, m.name(), setup, call, null, m.returnType(), null, detail(m, happy)));
            }
        }
        facts.addAll(throwing(m, null, setup, fields, target));
        return facts;
    }

    private List<Fact> throwing(Callable ctor, TypeUnit type, List<String> setup, Map<String, Value> fields) {
        return throwing(ctor, type, setup, fields, null);
    }

    /** One case per guard the model can trip with arguments it can name. */
    private List<Fact> throwing(
            Callable c, TypeUnit type, List<String> setup, Map<String, Value> fields, String target) {
        List<Fact> facts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int g = 0; g < c.guards().size(); g++) {
            Guard guard = c.guards().get(g);
            if (guard.exception() == null) {
                continue;
            }
            Violation v = violating(c, g, fields);
            if (v == null || !seen.add(guard.exception() + " " + v.param())) {
                continue;
            }
            String call = c.role() == Callable.Role.CONSTRUCTOR
                    ? syntax.construct(type, render(c, v.args()))
                    : syntax.call(c, target, render(c, v.args()));
            facts.add(new Fact(
                    Fact.Kind.THROWS,
                    c.role() == Callable.Role.CONSTRUCTOR ? type.name() : c.name(),
                    c.role() == Callable.Role.CONSTRUCTOR ? List.of() : setup,
                    call,
                    null,
                    c.returnType(),
                    guard.exception(),
                    v.param()));
        }
        return facts;
    }

    private record Violation(List<Value> args, String param) {}

    /** Arguments that pass every guard before {@code g} and fail guard {@code g}. */
    private Violation violating(Callable c, int g, Map<String, Value> fields) {
        List<Param> params = required(c);
        List<Value> base = defaults(params);
        if (trips(c, g, base, fields)) {
            return new Violation(base, "");
        }
        List<Value> literals = literals(c);
        for (int i = 0; i < params.size(); i++) {
            for (Value candidate : candidates(params.get(i), literals, true)) {
                List<Value> args = new ArrayList<>(base);
                args.set(i, candidate);
                if (trips(c, g, args, fields)) {
                    return new Violation(args, params.get(i).name());
                }
            }
        }
        // An optional parameter left out may be the one to pass
        List<Param> all = c.params();
        for (int i = params.size(); i < all.size(); i++) {
            Param p = all.get(i);
            if (!p.supported()) {
                break;
            }
            for (Value candidate : candidates(p, literals, true)) {
                List<Value> args = new ArrayList<>(base);
                for (int k = params.size(); k < i; k++) {
                    Value d = defaultOf(all.get(k));
                    if (d == null) {
                        return null;
                    }
                    args.add(d);
                }
                args.add(candidate);
                if (trips(c, g, args, fields)) {
                    return new Violation(args, p.name());
                }
            }
        }
        return null;
    }

    private boolean trips(Callable c, int g, List<Value> args, Map<String, Value> fields) {
        Map<String, Value> scope = new HashMap<>(constants);
        scope.putAll(fields);
        scope.putAll(arguments(c, args));
        for (int k = 0; k < g; k++) {
            if (!Boolean.FALSE.equals(Evaluator.truth(c.guards().get(k).condition(), dialect, scope))) {
                return false;
            }
        }
        return Boolean.TRUE.equals(Evaluator.truth(c.guards().get(g).condition(), dialect, scope));
    }

    /** Ordinary arguments that pass every guard, or null when the model cannot be sure any do. */
    List<Value> happy(Callable c, Map<String, Value> fields) {
        List<Param> params = required(c);
        List<Value> base = defaults(params);
        if (passes(c, base, fields)) {
            return base;
        }
        List<Value> literals = literals(c);
        for (int i = 0; i < params.size(); i++) {
            for (Value candidate : candidates(params.get(i), literals, false)) {
                List<Value> args = new ArrayList<>(base);
                args.set(i, candidate);
                if (passes(c, args, fields)) {
                    return args;
                }
            }
        }
        for (int i = 0; i < params.size(); i++) {
            for (int j = i + 1; j < params.size(); j++) {
                for (Value a : candidates(params.get(i), literals, false)) {
                    for (Value b : candidates(params.get(j), literals, false)) {
                        List<Value> args = new ArrayList<>(base);
                        args.set(i, a);
                        args.set(j, b);
                        if (passes(c, args, fields)) {
                            return args;
                        }
                    }
                }
            }
        }
        return null;
    }

    private boolean passes(Callable c, List<Value> args, Map<String, Value> fields) {
        Map<String, Value> scope = new HashMap<>(constants);
        scope.putAll(fields);
        scope.putAll(arguments(c, args));
        for (Guard g : c.guards()) {
            if (!Boolean.FALSE.equals(Evaluator.truth(g.condition(), dialect, scope))) {
                return false;
            }
        }
        return true;
    }

    private static List<Param> required(Callable c) {
        List<Param> out = new ArrayList<>();
        for (Param p : c.params()) {
            if (p.optional()) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    /** Parameter name → value: the arguments given, then the defaults of those left out. */
    private Map<String, Value> arguments(Callable c, List<Value> args) {
        Map<String, Value> scope = new LinkedHashMap<>();
        List<Param> params = c == null ? List.of() : c.params();
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (i < args.size()) {
                scope.put(p.name(), args.get(i));
            } else {
                Value d = defaultOf(p);
                if (d != null) {
                    scope.put(p.name(), d);
                }
            }
        }
        return scope;
    }

    private Value defaultOf(Param p) {
        if (p.defaultExpr() == null) {
            return null;
        }
        return Evaluator.evaluate(p.defaultExpr(), dialect, constants) instanceof Evaluator.Outcome.Returned r
                ? r.value()
                : null;
    }

    private List<Value> defaults(List<Param> params) {
        List<Value> out = new ArrayList<>();
        int ints = 0;
        int strings = 0;
        for (Param p : params) {
            out.add(
                    switch (p.family()) {
                        case INT -> new Value(INTS[ints++ % INTS.length]);
                        case FLOAT -> new Value((double) INTS[ints++ % INTS.length]);
                        case STRING -> new Value(STRINGS[strings++ % STRINGS.length]);
                        case BOOL -> new Value(true);
                        case OTHER, NULLED -> Value.NULL;
                    });
        }
        return out;
    }

    private List<Value> literals(Callable c) {
        List<Value> out = new ArrayList<>();
        for (Guard g : c.guards()) {
            out.addAll(Source.literals(g.condition(), dialect));
        }
        return out;
    }

    private List<Value> candidates(Param p, List<Value> literals, boolean forThrow) {
        Set<Value> out = new LinkedHashSet<>();
        boolean dynamic = dialect == Dialect.PYTHON || dialect == Dialect.SCRIPT;
        switch (p.family()) {
            case INT -> {
                for (long l : new long[] {0, 1, -1, 10, 100, 1000}) {
                    out.add(new Value(l));
                }
                for (Value lit : literals) {
                    if (lit.v() instanceof Long l) {
                        out.add(new Value(l));
                        out.add(new Value(l + 1));
                        out.add(new Value(l - 1));
                    }
                }
                if (forThrow && dynamic) {
                    out.add(new Value(2.5));
                }
            }
            case FLOAT -> {
                for (double d : new double[] {0, 1, -1, 0.5, 10, 100}) {
                    out.add(new Value(d));
                }
                for (Value lit : literals) {
                    if (lit.isNumber()) {
                        double d = lit.asDouble();
                        out.add(new Value(d));
                        out.add(new Value(d + 1));
                        out.add(new Value(d - 1));
                    }
                }
                if (forThrow && dialect == Dialect.JAVA) {
                    out.add(new Value(Double.NaN));
                }
            }
            case STRING -> {
                out.add(new Value(""));
                out.add(new Value(" "));
                out.add(new Value("abc"));
                out.add(new Value("Abc"));
                for (Value lit : literals) {
                    if (lit.v() instanceof String s) {
                        out.add(new Value(s));
                        out.add(new Value("abc" + s + "abc"));
                        out.add(new Value(s + "abc"));
                    }
                }
            }
            case BOOL -> {
                out.add(new Value(true));
                out.add(new Value(false));
            }
            default -> {}
        }
        if (forThrow && p.nullable()) {
            out.add(Value.NULL);
            if (dialect == Dialect.SCRIPT) {
                out.add(Value.UNDEFINED);
            }
        }
        if (forThrow && dynamic) {
            out.add(p.family() == Family.STRING ? new Value(42L) : new Value("abc"));
        }
        out.removeIf(v -> v.v() instanceof Double d && Double.isNaN(d) && dialect != Dialect.JAVA);
        if (!forThrow) {
            out.removeIf(v -> v.isNumber() && v.asDouble() == 0); // an ordinary argument is never a zero divisor
        }
        return new ArrayList<>(out);
    }

    /**
     * The constructor with its stored-only collaborators marked {@link Family#NULLED}, when its body (past the
     * guards) only assigns fields and uses each such parameter bare; else the constructor as it is.
     */
    static Callable nullCollaborators(Callable c, Dialect dialect) {
        if (c.role() != Callable.Role.CONSTRUCTOR || c.assigns() == null) {
            return c;
        }
        List<Param> params = new ArrayList<>();
        boolean changed = false;
        for (Param p : c.params()) {
            if (p.family() == Family.OTHER && p.nullable() && !p.optional()) {
                java.util.regex.Pattern mention = java.util.regex.Pattern.compile(
                        "(?<![\\w$.])" + java.util.regex.Pattern.quote(p.name()) + "(?![\\w$])");
                for (String expr : c.assigns().values()) {
                    if (mention.matcher(Source.mask(expr, dialect, true)).find()
                            && !expr.trim().equals(p.name())) {
                        return c;
                    }
                }
                params.add(new Param(p.name(), Family.NULLED, p.declared(), null, true));
                changed = true;
            } else {
                params.add(p);
            }
        }
        return changed
                ? new Callable(
                        c.role(),
                        c.owner(),
                        c.name(),
                        params,
                        c.guards(),
                        c.returns(),
                        c.returnType(),
                        c.nonNull(),
                        c.safe(),
                        c.checked(),
                        c.assigns())
                : c;
    }

    private String render(Callable c, List<Value> args) {
        if (c == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            out.add(syntax.argument(args.get(i), c.params().get(i)));
        }
        return String.join(", ", out);
    }

    private String detail(Callable c, List<Value> args) {
        if (c == null) {
            return "";
        }
        return args.stream().map(v -> v.literal(dialect, null)).collect(Collectors.joining(", "));
    }
}
