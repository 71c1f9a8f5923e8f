package dev.nightshift.simulator.reply.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out the value of a small expression — a return value or a guard's condition — for known
 * arguments, with the language's own semantics (Java and Go truncating integer division, Python's
 * {@code /} and {@code //}, JavaScript's single number type, string concatenation, short-circuit
 * logic). What it cannot be sure of (an unknown name, a call it does not model, a number it cannot
 * print exactly) makes the whole answer {@link Outcome.Unknown}: the simulated model asserts only
 * what it can know.
 */
public final class Evaluator {
    /** What evaluating gave: a value, an exception the language raises, or nothing certain. */
    public sealed interface Outcome {
        record Returned(Value value) implements Outcome {}

        record Raised(String exception) implements Outcome {}

        record Unknown() implements Outcome {}
    }

    private static final Outcome UNKNOWN = new Outcome.Unknown();

    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private static final class Raise extends RuntimeException {
        final String exception;

        Raise(String exception) {
            super(exception, null, false, false);
            this.exception = exception;
        }
    }

    private final Dialect dialect;
    private final Map<String, Value> scope;
    private final List<Token> tokens;
    private int pos;

    private Evaluator(Dialect dialect, Map<String, Value> scope, List<Token> tokens) {
        this.dialect = dialect;
        this.scope = scope;
        this.tokens = tokens;
    }

    /**
     * Evaluates {@code expression}. {@code scope} maps parameter names, and fields as {@code this.x} /
     * {@code self.x} (Java fields also under their bare name), to their values.
     */
    public static Outcome evaluate(String expression, Dialect dialect, Map<String, Value> scope) {
        try {
            List<Token> tokens = Lexer.lex(expression, dialect);
            Evaluator e = new Evaluator(dialect, scope, tokens);
            Node n = e.expression();
            if (e.peek().kind != Kind.END) {
                return UNKNOWN;
            }
            return new Outcome.Returned(e.eval(n));
        } catch (Raise r) {
            return new Outcome.Raised(r.exception);
        } catch (Unknown
                | ArithmeticException
                | ClassCastException
                | IndexOutOfBoundsException
                | IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True, false, or null when unsure — for a guard's condition (a raise while testing it counts as unsure). */
    public static Boolean truth(String condition, Dialect dialect, Map<String, Value> scope) {
        Outcome o = evaluate(condition, dialect, scope);
        if (o instanceof Outcome.Returned r) {
            Object v = r.value().v();
            if (v instanceof Boolean b) {
                return b;
            }
            if (dialect == Dialect.PYTHON || dialect == Dialect.SCRIPT) {
                try {
                    return truthy(r.value(), dialect);
                } catch (Unknown e) {
                    return null;
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- lexer

    enum Kind {
        NUM,
        STR,
        TEMPLATE,
        ID,
        OP,
        END
    }

    record Token(Kind kind, String text, Object value, List<Object> parts) {}

    static final class Lexer {
        private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
                "0[xX][0-9a-fA-F_]+[lL]?|(?:\\d[\\d_]*)?(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?[lLfFdDn]?");
        private static final List<String> OPS = List.of(
                "===", "!==", "++", "--", "**", "//", "==", "!=", "<=", ">=", "&&", "||", "??", "?", ":", "+", "-", "*",
                "/", "%", "!", "<", ">", "(", ")", ",", ".", "[", "]", "{", "}");

        static List<Token> lex(String s, Dialect d) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                    java.util.regex.Matcher m = NUMBER.matcher(s).region(i, s.length());
                    if (!m.lookingAt() || m.end() == i) {
                        throw new Unknown();
                    }
                    String text = m.group();
                    boolean fraction = text.contains(".") && !text.startsWith("0x") && !text.startsWith("0X");
                    out.add(new Token(Kind.NUM, text, number(text.replace("_", ""), fraction, d), null));
                    i = m.end();
                    continue;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    i = string(s, i, c, d, false, out);
                    continue;
                }
                if (Character.isJavaIdentifierStart(c)) {
                    int j = i;
                    while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                        j++;
                    }
                    String word = s.substring(i, j);
                    if (d == Dialect.PYTHON
                            && j < s.length()
                            && (s.charAt(j) == '"' || s.charAt(j) == '\'')
                            && word.toLowerCase(java.util.Locale.ROOT).matches("[frbu]{1,2}")) {
                        String lower = word.toLowerCase(java.util.Locale.ROOT);
                        if (lower.contains("b")) {
                            throw new Unknown();
                        }
                        i = string(s, j, s.charAt(j), d, lower.contains("f"), out);
                        if (lower.contains("r") && out.get(out.size() - 1).kind == Kind.STR) {
                            // raw strings: escapes stay as written
                            String raw = s.substring(j + 1, i - 1);
                            out.set(out.size() - 1, new Token(Kind.STR, raw, raw, null));
                        }
                        continue;
                    }
                    out.add(new Token(Kind.ID, word, null, null));
                    i = j;
                    continue;
                }
                String op = null;
                for (String o : OPS) {
                    if (s.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new Unknown();
                }
                out.add(new Token(Kind.OP, op, null, null));
                i += op.length();
            }
            out.add(new Token(Kind.END, "", null, null));
            return out;
        }

        private static Object number(String text, boolean fraction, Dialect d) {
            String t = text;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2).replaceAll("[lL]$", ""), 16);
            }
            if (d == Dialect.SCRIPT && t.endsWith("n")) {
                throw new Unknown(); // BigInt
            }
            boolean floatSuffix = false;
            if (d == Dialect.JAVA && t.matches(".*[lL]$")) {
                t = t.substring(0, t.length() - 1);
            } else if (d == Dialect.JAVA && t.matches(".*[fFdD]$")) {
                t = t.substring(0, t.length() - 1);
                floatSuffix = true;
            }
            if (fraction || floatSuffix || t.contains("e") || t.contains("E")) {
                return Double.parseDouble(t);
            }
            if (d == Dialect.JAVA && t.length() > 1 && t.startsWith("0")) {
                throw new Unknown(); // octal
            }
            return Long.parseLong(t);
        }

        /** A string literal starting at {@code start}; returns the index after it. */
        private static int string(String s, int start, char quote, Dialect d, boolean fString, List<Token> out) {
            boolean triple =
                    s.startsWith(String.valueOf(quote).repeat(3), start) && d != Dialect.SCRIPT && quote != '`';
            int i = start + (triple ? 3 : 1);
            StringBuilder cur = new StringBuilder();
            List<Object> parts = new ArrayList<>();
            boolean template = quote == '`' && d == Dialect.SCRIPT || fString;
            while (true) {
                if (i >= s.length()) {
                    throw new Unknown();
                }
                char c = s.charAt(i);
                if (triple ? s.startsWith(String.valueOf(quote).repeat(3), i) : c == quote) {
                    i += triple ? 3 : 1;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= s.length()) {
                        throw new Unknown();
                    }
                    char n = s.charAt(i + 1);
                    switch (n) {
                        case 'n' -> cur.append('\n');
                        case 't' -> cur.append('\t');
                        case 'r' -> cur.append('\r');
                        case '0' -> cur.append('\0');
                        case '\\', '\'', '"', '`', '$', '{', '}' -> cur.append(n);
                        default -> throw new Unknown();
                    }
                    i += 2;
                    continue;
                }
                if (template && quote == '`' && c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{'
                        || fString && c == '{') {
                    if (fString && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                        cur.append('{');
                        i += 2;
                        continue;
                    }
                    int open = quote == '`' ? i + 1 : i;
                    int depth = 0;
                    int j = open;
                    for (; j < s.length(); j++) {
                        char k = s.charAt(j);
                        if (k == '{') {
                            depth++;
                        } else if (k == '}') {
                            depth--;
                            if (depth == 0) {
                                break;
                            }
                        }
                    }
                    if (j >= s.length()) {
                        throw new Unknown();
                    }
                    String inner = s.substring(open + 1, j);
                    if (fString && (inner.contains(":") || inner.contains("!") && !inner.contains("!="))) {
                        throw new Unknown(); // format specs and conversions are not modelled
                    }
                    parts.add(cur.toString());
                    cur.setLength(0);
                    parts.add(lex(inner, d));
                    i = j + 1;
                    continue;
                }
                if (fString && c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                    cur.append('}');
                    i += 2;
                    continue;
                }
                if (d == Dialect.JAVA && quote == '\'') {
                    throw new Unknown(); // char literals
                }
                cur.append(c);
                i++;
            }
            if (template) {
                parts.add(cur.toString());
                out.add(new Token(Kind.TEMPLATE, s.substring(start, i), null, parts));
            } else {
                out.add(new Token(Kind.STR, s.substring(start, i), cur.toString(), null));
            }
            return i;
        }
    }

    // ---------------------------------------------------------------- parser

    private sealed interface Node {}

    private record Lit(Value value) implements Node {}

    private record Name(String name) implements Node {}

    private record Template(List<Object> parts) implements Node {}

    private record Unary(String op, Node operand) implements Node {}

    private record Binary(String op, Node left, Node right) implements Node {}

    private record Cond(Node test, Node then, Node otherwise) implements Node {}

    private record Member(Node target, String name) implements Node {}

    private record Call(Node target, List<Node> args) implements Node {}

    private record Cast(String type, Node operand) implements Node {}

    private record Tuple(List<Node> items) implements Node {}

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean at(String text) {
        Token t = peek();
        return (t.kind == Kind.OP || t.kind == Kind.ID) && t.text.equals(text);
    }

    private boolean accept(String text) {
        if (at(text)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String text) {
        if (!accept(text)) {
            throw new Unknown();
        }
    }

    private Node expression() {
        Node n = or();
        if (dialect == Dialect.PYTHON && at("if")) {
            pos++;
            Node test = or();
            expect("else");
            return new Cond(test, n, expression());
        }
        if (dialect != Dialect.PYTHON && accept("?")) {
            Node then = expression();
            expect(":");
            return new Cond(n, then, expression());
        }
        return n;
    }

    private Node or() {
        Node n = and();
        while (at("||") || dialect == Dialect.PYTHON && at("or")) {
            pos++;
            n = new Binary("||", n, and());
        }
        return n;
    }

    private Node and() {
        Node n = not();
        while (at("&&") || dialect == Dialect.PYTHON && at("and")) {
            pos++;
            n = new Binary("&&", n, not());
        }
        return n;
    }

    private Node not() {
        if (dialect == Dialect.PYTHON && accept("not")) {
            return new Unary("!", not());
        }
        return comparison();
    }

    private Node comparison() {
        Node n = additive();
        while (true) {
            Token t = peek();
            String op = t.text;
            if (t.kind == Kind.OP
                    && Set.of("==", "!=", "===", "!==", "<", "<=", ">", ">=").contains(op)) {
                pos++;
                n = new Binary(op, n, additive());
            } else if (dialect == Dialect.PYTHON && t.kind == Kind.ID && op.equals("is")) {
                pos++;
                boolean negated = accept("not");
                n = new Binary(negated ? "is not" : "is", n, additive());
            } else if (dialect == Dialect.PYTHON && t.kind == Kind.ID && op.equals("in")) {
                pos++;
                n = new Binary("in", n, additive());
            } else if (dialect == Dialect.PYTHON
                    && t.kind == Kind.ID
                    && op.equals("not")
                    && tokens.get(pos + 1).text.equals("in")) {
                pos += 2;
                n = new Unary("!", new Binary("in", n, additive()));
            } else {
                return n;
            }
        }
    }

    private Node additive() {
        Node n = multiplicative();
        while (at("+") || at("-")) {
            String op = next().text;
            n = new Binary(op, n, multiplicative());
        }
        return n;
    }

    private Node multiplicative() {
        Node n = unary();
        while (at("*") || at("/") || at("%") || dialect == Dialect.PYTHON && at("//")) {
            String op = next().text;
            n = new Binary(op, n, unary());
        }
        return n;
    }

    private Node unary() {
        if (at("-") || at("+") || at("!") && dialect != Dialect.PYTHON) {
            String op = next().text;
            return new Unary(op, unary());
        }
        if (dialect == Dialect.SCRIPT && accept("typeof")) {
            return new Unary("typeof", unary());
        }
        if (dialect == Dialect.JAVA
                && at("(")
                && tokens.get(pos + 1).kind == Kind.ID
                && Set.of("int", "long", "double", "float", "short", "byte").contains(tokens.get(pos + 1).text)
                && tokens.get(pos + 2).text.equals(")")) {
            pos++;
            String type = next().text;
            pos++;
            return new Cast(type, unary());
        }
        return power();
    }

    private Node power() {
        Node base = postfix();
        if ((dialect == Dialect.PYTHON || dialect == Dialect.SCRIPT) && accept("**")) {
            return new Binary("**", base, unary());
        }
        return base;
    }

    private Node postfix() {
        Node n = primary();
        while (true) {
            if (accept(".")) {
                Token t = next();
                if (t.kind != Kind.ID) {
                    throw new Unknown();
                }
                n = new Member(n, t.text);
            } else if (at("(")) {
                pos++;
                List<Node> args = new ArrayList<>();
                if (!accept(")")) {
                    do {
                        args.add(expression());
                    } while (accept(","));
                    expect(")");
                }
                n = new Call(n, args);
            } else {
                return n;
            }
        }
    }

    private Node primary() {
        Token t = next();
        switch (t.kind) {
            case NUM:
                return new Lit(Value.of(t.value));
            case STR:
                return new Lit(new Value(t.value));
            case TEMPLATE:
                return new Template(t.parts);
            case ID:
                return switch (keyword(t.text)) {
                    case "true" -> new Lit(new Value(true));
                    case "false" -> new Lit(new Value(false));
                    case "null" -> new Lit(Value.NULL);
                    case "undefined" -> new Lit(Value.UNDEFINED);
                    case "NaN" -> new Lit(new Value(Double.NaN));
                    default -> new Name(t.text);
                };
            case OP:
                if (t.text.equals("(")) {
                    Node inner = expression();
                    if (dialect == Dialect.PYTHON && at(",")) {
                        List<Node> items = new ArrayList<>(List.of(inner));
                        while (accept(",")) {
                            if (at(")")) {
                                break;
                            }
                            items.add(expression());
                        }
                        expect(")");
                        return new Tuple(items);
                    }
                    expect(")");
                    return inner;
                }
                throw new Unknown();
            default:
                throw new Unknown();
        }
    }

    private String keyword(String word) {
        return switch (dialect) {
            case PYTHON ->
                switch (word) {
                    case "True" -> "true";
                    case "False" -> "false";
                    case "None" -> "null";
                    default -> word;
                };
            case JAVA -> word.equals("true") || word.equals("false") || word.equals("null") ? word : "";
            case SCRIPT -> Set.of("true", "false", "null", "undefined", "NaN").contains(word) ? word : "";
            case GO -> word.equals("true") || word.equals("false") ? word : word.equals("nil") ? "null" : "";
        };
    }

    // ---------------------------------------------------------------- semantics

    private Value eval(Node n) {
        if (n instanceof Lit l) {
            return l.value();
        }
        if (n instanceof Name name) {
            Value v = scope.get(name.name());
            if (v == null) {
                throw new Unknown();
            }
            return v;
        }
        if (n instanceof Template t) {
            StringBuilder sb = new StringBuilder();
            for (Object part : t.parts()) {
                if (part instanceof String s) {
                    sb.append(s);
                } else {
                    @SuppressWarnings("unchecked")
                    List<Token> inner = (List<Token>) part;
                    Evaluator sub = new Evaluator(dialect, scope, inner);
                    Node expr = sub.expression();
                    if (sub.peek().kind != Kind.END) {
                        throw new Unknown();
                    }
                    sb.append(text(sub.eval(expr)));
                }
            }
            return new Value(sb.toString());
        }
        if (n instanceof Cond c) {
            return truthy(eval(c.test()), dialect) ? eval(c.then()) : eval(c.otherwise());
        }
        if (n instanceof Cast c) {
            Value v = eval(c.operand());
            if (!v.isNumber()) {
                throw new Unknown();
            }
            return switch (c.type()) {
                case "double", "float" -> new Value(v.asDouble());
                default -> {
                    if (v.v() instanceof Double d) {
                        if (Double.isNaN(d) || Math.abs(d) > Integer.MAX_VALUE) {
                            throw new Unknown();
                        }
                        yield new Value((long) d.doubleValue());
                    }
                    yield v;
                }
            };
        }
        if (n instanceof Unary u) {
            return unary(u);
        }
        if (n instanceof Binary b) {
            return binary(b);
        }
        if (n instanceof Member m) {
            return member(m);
        }
        if (n instanceof Call c) {
            return call(c);
        }
        throw new Unknown();
    }

    private Value unary(Unary u) {
        if (u.op().equals("typeof")) {
            Value v = eval(u.operand());
            Object o = v.v();
            return new Value(
                    o instanceof Long || o instanceof Double
                            ? "number"
                            : o instanceof String
                                    ? "string"
                                    : o instanceof Boolean
                                            ? "boolean"
                                            : v.equals(Value.UNDEFINED) ? "undefined" : "object");
        }
        Value v = eval(u.operand());
        return switch (u.op()) {
            case "!" -> {
                if (dialect == Dialect.JAVA || dialect == Dialect.GO) {
                    yield new Value(!(Boolean) v.v());
                }
                yield new Value(!truthy(v, dialect));
            }
            case "-" -> {
                if (v.v() instanceof Long l) {
                    yield new Value(Math.negateExact(l));
                }
                if (v.v() instanceof Double d) {
                    yield new Value(-d);
                }
                throw new Unknown();
            }
            default -> {
                if (!v.isNumber()) {
                    throw new Unknown();
                }
                yield v;
            }
        };
    }

    private Value binary(Binary b) {
        String op = b.op();
        if (op.equals("&&") || op.equals("||")) {
            Value left = eval(b.left());
            boolean l = dialect == Dialect.JAVA || dialect == Dialect.GO ? (Boolean) left.v() : truthy(left, dialect);
            if (op.equals("&&") ? !l : l) {
                return dialect == Dialect.JAVA || dialect == Dialect.GO ? new Value(l) : left;
            }
            Value right = eval(b.right());
            if (dialect == Dialect.JAVA || dialect == Dialect.GO) {
                return new Value((Boolean) right.v());
            }
            return right;
        }
        Value l = eval(b.left());
        Value r = eval(b.right());
        return switch (op) {
            case "==", "===", "!=", "!==" -> {
                boolean eq = equal(l, r, op.length() == 3);
                yield new Value(op.startsWith("=") == eq);
            }
            case "is" -> new Value(same(l, r));
            case "is not" -> new Value(!same(l, r));
            case "in" -> {
                if (l.v() instanceof String a && r.v() instanceof String s) {
                    yield new Value(s.contains(a));
                }
                throw new Unknown();
            }
            case "<", "<=", ">", ">=" -> compare(op, l, r);
            case "+" -> plus(l, r);
            default -> arithmetic(op, l, r);
        };
    }

    private boolean same(Value l, Value r) {
        if (l.equals(Value.NULL) || r.equals(Value.NULL)) {
            return l.equals(r);
        }
        if (l.v() instanceof Boolean && r.v() instanceof Boolean) {
            return l.v().equals(r.v());
        }
        throw new Unknown();
    }

    private boolean equal(Value l, Value r, boolean strict) {
        boolean lEmpty = l.isEmpty();
        boolean rEmpty = r.isEmpty();
        if (lEmpty || rEmpty) {
            if (dialect == Dialect.SCRIPT && !strict) {
                return lEmpty && rEmpty;
            }
            return l.v() == r.v();
        }
        if (l.isNumber() && r.isNumber()) {
            if (l.v() instanceof Long a && r.v() instanceof Long c) {
                return a.longValue() == c.longValue();
            }
            return l.asDouble() == r.asDouble();
        }
        if (l.v() instanceof String a && r.v() instanceof String c) {
            if (dialect == Dialect.JAVA) {
                throw new Unknown(); // reference equality
            }
            return a.equals(c);
        }
        if (l.v() instanceof Boolean a && r.v() instanceof Boolean c) {
            return a.equals(c);
        }
        if (dialect == Dialect.SCRIPT && !strict) {
            throw new Unknown(); // loose equality across types
        }
        if (dialect == Dialect.PYTHON && (l.v() instanceof Boolean || r.v() instanceof Boolean)) {
            throw new Unknown(); // True == 1
        }
        return false;
    }

    private Value compare(String op, Value l, Value r) {
        int c;
        if (l.isNumber() && r.isNumber()) {
            if (l.v() instanceof Long a && r.v() instanceof Long b) {
                c = Long.compare(a, b);
            } else {
                double a = l.asDouble();
                double b = r.asDouble();
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return new Value(false);
                }
                c = Double.compare(a, b);
                if (a == b) {
                    c = 0;
                }
            }
        } else if (l.v() instanceof String a && r.v() instanceof String b && dialect != Dialect.JAVA) {
            if (!a.chars().allMatch(ch -> ch < 128) || !b.chars().allMatch(ch -> ch < 128)) {
                throw new Unknown();
            }
            c = Integer.signum(a.compareTo(b));
        } else {
            throw new Unknown();
        }
        return new Value(
                switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                });
    }

    private Value plus(Value l, Value r) {
        if (l.v() instanceof String || r.v() instanceof String) {
            boolean both = l.v() instanceof String && r.v() instanceof String;
            if (!both && (dialect == Dialect.PYTHON || dialect == Dialect.GO)) {
                throw new Unknown(); // Python raises TypeError, Go does not compile
            }
            return new Value(text(l) + text(r));
        }
        return arithmetic("+", l, r);
    }

    private Value arithmetic(String op, Value l, Value r) {
        if (!l.isNumber() || !r.isNumber()) {
            throw new Unknown();
        }
        boolean integral = l.v() instanceof Long && r.v() instanceof Long;
        if (dialect == Dialect.PYTHON && op.equals("/")) {
            if (r.asDouble() == 0) {
                throw new Raise("ZeroDivisionError");
            }
            return new Value(l.asDouble() / r.asDouble());
        }
        if (integral) {
            long a = (Long) l.v();
            long b = (Long) r.v();
            switch (op) {
                case "+":
                    return new Value(Math.addExact(a, b));
                case "-":
                    return new Value(Math.subtractExact(a, b));
                case "*":
                    return new Value(Math.multiplyExact(a, b));
                case "**":
                    if (b < 0 || b > 62) {
                        throw new Unknown();
                    }
                    long p = 1;
                    for (int i = 0; i < b; i++) {
                        p = Math.multiplyExact(p, a);
                    }
                    return new Value(p);
                case "/", "//", "%":
                    if (b == 0) {
                        switch (dialect) {
                            case JAVA -> throw new Raise("ArithmeticException");
                            case PYTHON -> throw new Raise("ZeroDivisionError");
                            case GO -> throw new Raise("panic");
                            default -> throw new Unknown(); // Infinity / NaN
                        }
                    }
                    if (op.equals("%")) {
                        return new Value(dialect == Dialect.PYTHON ? Math.floorMod(a, b) : a % b);
                    }
                    if (op.equals("//")) {
                        return new Value(Math.floorDiv(a, b));
                    }
                    if (dialect == Dialect.SCRIPT && a % b != 0) {
                        return new Value((double) a / b);
                    }
                    return new Value(a / b);
                default:
                    throw new Unknown();
            }
        }
        double a = l.asDouble();
        double b = r.asDouble();
        double result =
                switch (op) {
                    case "+" -> a + b;
                    case "-" -> a - b;
                    case "*" -> a * b;
                    case "/" -> {
                        if (b == 0 && dialect == Dialect.PYTHON) {
                            throw new Raise("ZeroDivisionError");
                        }
                        yield a / b;
                    }
                    case "//" -> {
                        if (b == 0) {
                            throw new Raise("ZeroDivisionError");
                        }
                        yield Math.floor(a / b);
                    }
                    case "%" -> {
                        if (dialect == Dialect.PYTHON) {
                            if (b == 0) {
                                throw new Raise("ZeroDivisionError");
                            }
                            double m = a % b;
                            yield m != 0 && (m < 0) != (b < 0) ? m + b : m;
                        }
                        yield a % b;
                    }
                    case "**" -> Math.pow(a, b);
                    default -> throw new Unknown();
                };
        if (Double.isInfinite(result) || Double.isNaN(result)) {
            throw new Unknown();
        }
        return new Value(result);
    }

    private Value member(Member m) {
        if (m.target() instanceof Name owner
                && (owner.name().equals("this") || owner.name().equals("self"))) {
            Value v = scope.get(owner.name() + "." + m.name());
            if (v == null) {
                throw new Unknown();
            }
            return v;
        }
        if (dialect == Dialect.SCRIPT && m.name().equals("length")) {
            Value v = eval(m.target());
            if (v.v() instanceof String s && s.chars().allMatch(c -> c < 0xD800 || c > 0xDFFF)) {
                return new Value((long) s.length());
            }
            throw new Unknown();
        }
        throw new Unknown();
    }

    private Value call(Call c) {
        List<Value> args = new ArrayList<>();
        if (c.target() instanceof Name fn) {
            for (Node a : c.args()) {
                args.add(fn.name().equals("isinstance") && args.size() == 1 ? types(a) : eval(a));
            }
            return builtin(fn.name(), args);
        }
        if (c.target() instanceof Member m) {
            if (m.target() instanceof Name owner
                    && Set.of("Math", "Number", "String", "Double", "Float", "Integer", "Long", "math")
                            .contains(owner.name())
                    && !scope.containsKey(owner.name())) {
                for (Node a : c.args()) {
                    args.add(eval(a));
                }
                return builtin(owner.name() + "." + m.name(), args);
            }
            Value target = eval(m.target());
            for (Node a : c.args()) {
                args.add(eval(a));
            }
            return method(target, m.name(), args);
        }
        throw new Unknown();
    }

    /** The second argument of isinstance: a type name or a tuple of them. */
    private Value types(Node n) {
        List<String> names = new ArrayList<>();
        if (n instanceof Name name) {
            names.add(name.name());
        } else if (n instanceof Tuple t) {
            for (Node item : t.items()) {
                if (!(item instanceof Name name)) {
                    throw new Unknown();
                }
                names.add(name.name());
            }
        } else {
            throw new Unknown();
        }
        return new Value(String.join(",", names));
    }

    private Value builtin(String name, List<Value> args) {
        switch (dialect) {
            case PYTHON:
                switch (name) {
                    case "len":
                        return new Value((long) string(args, 0).length());
                    case "str":
                        one(args);
                        return new Value(text(args.get(0)));
                    case "abs":
                        return abs(args);
                    case "min", "max":
                        return minMax(name, args);
                    case "float":
                        one(args);
                        if (!args.get(0).isNumber()) {
                            throw new Unknown();
                        }
                        return new Value(args.get(0).asDouble());
                    case "int":
                        one(args);
                        if (args.get(0).v() instanceof Double d) {
                            return new Value((long) d.doubleValue());
                        }
                        if (args.get(0).v() instanceof Long) {
                            return args.get(0);
                        }
                        throw new Unknown();
                    case "bool":
                        one(args);
                        return new Value(truthy(args.get(0), dialect));
                    case "isinstance":
                        if (args.size() != 2) {
                            throw new Unknown();
                        }
                        Object v = args.get(0).v();
                        boolean match = false;
                        for (String t : ((String) args.get(1).v()).split(",")) {
                            match |= switch (t) {
                                case "int" -> v instanceof Long || v instanceof Boolean;
                                case "float" -> v instanceof Double;
                                case "str" -> v instanceof String;
                                case "bool" -> v instanceof Boolean;
                                default -> throw new Unknown();
                            };
                        }
                        return new Value(match);
                    case "math.sqrt":
                        return sqrt(args);
                    case "math.floor", "math.ceil":
                        one(args);
                        double d = args.get(0).asDouble();
                        return new Value((long) (name.endsWith("floor") ? Math.floor(d) : Math.ceil(d)));
                    default:
                        throw new Unknown();
                }
            case SCRIPT:
                switch (name) {
                    case "Math.abs":
                        return abs(args);
                    case "Math.max", "Math.min":
                        return minMax(name.substring(5), args);
                    case "Math.floor", "Math.ceil", "Math.trunc":
                        one(args);
                        double d = args.get(0).asDouble();
                        double r = name.endsWith("floor")
                                ? Math.floor(d)
                                : name.endsWith("ceil") ? Math.ceil(d) : d < 0 ? Math.ceil(d) : Math.floor(d);
                        return new Value((long) r);
                    case "Math.sqrt":
                        return sqrt(args);
                    case "String":
                        one(args);
                        return new Value(text(args.get(0)));
                    case "Number.isInteger":
                        one(args);
                        return new Value(args.get(0).isInteger()
                                || args.get(0).v() instanceof Double dd
                                        && dd == Math.rint(dd)
                                        && !Double.isInfinite(dd));
                    case "Number.isFinite":
                        one(args);
                        return new Value(args.get(0).isNumber()
                                && Double.isFinite(args.get(0).asDouble()));
                    case "Number.isNaN":
                        one(args);
                        return new Value(args.get(0).v() instanceof Double dd && Double.isNaN(dd));
                    case "isNaN":
                        one(args);
                        if (!args.get(0).isNumber()) {
                            throw new Unknown();
                        }
                        return new Value(Double.isNaN(args.get(0).asDouble()));
                    default:
                        throw new Unknown();
                }
            case JAVA:
                switch (name) {
                    case "Math.abs":
                        return abs(args);
                    case "Math.max", "Math.min":
                        return minMax(name.substring(5), args);
                    case "Math.sqrt":
                        return sqrt(args);
                    case "Math.floor", "Math.ceil":
                        one(args);
                        double d = args.get(0).asDouble();
                        return new Value(name.endsWith("floor") ? Math.floor(d) : Math.ceil(d));
                    case "String.valueOf", "Integer.toString", "Long.toString", "Double.toString":
                        one(args);
                        if (name.startsWith("Double") && !(args.get(0).v() instanceof Double)) {
                            return new Value(text(new Value(args.get(0).asDouble())));
                        }
                        return new Value(text(args.get(0)));
                    case "Double.isNaN":
                        one(args);
                        return new Value(Double.isNaN(args.get(0).asDouble()));
                    case "Double.isFinite":
                        one(args);
                        return new Value(Double.isFinite(args.get(0).asDouble()));
                    case "Double.isInfinite":
                        one(args);
                        return new Value(Double.isInfinite(args.get(0).asDouble()));
                    default:
                        throw new Unknown();
                }
            case GO:
                if (name.equals("len")) {
                    String s = string(args, 0);
                    if (!s.chars().allMatch(ch -> ch < 128)) {
                        throw new Unknown();
                    }
                    return new Value((long) s.length());
                }
                throw new Unknown();
            default:
                throw new Unknown();
        }
    }

    private Value method(Value target, String name, List<Value> args) {
        if (!(target.v() instanceof String s)) {
            if (target.equals(Value.NULL) || target.equals(Value.UNDEFINED)) {
                throw new Raise(
                        dialect == Dialect.JAVA
                                ? "NullPointerException"
                                : dialect == Dialect.PYTHON ? "AttributeError" : "TypeError");
            }
            throw new Unknown();
        }
        switch (dialect) {
            case JAVA:
                switch (name) {
                    case "length":
                        none(args);
                        return new Value((long) s.length());
                    case "isEmpty":
                        none(args);
                        return new Value(s.isEmpty());
                    case "isBlank":
                        none(args);
                        return new Value(s.isBlank());
                    case "trim":
                        none(args);
                        return new Value(s.trim());
                    case "strip":
                        none(args);
                        return new Value(s.strip());
                    case "toUpperCase":
                        none(args);
                        return new Value(ascii(s).toUpperCase(java.util.Locale.ROOT));
                    case "toLowerCase":
                        none(args);
                        return new Value(ascii(s).toLowerCase(java.util.Locale.ROOT));
                    case "contains":
                        return new Value(s.contains(string(args, 0)));
                    case "startsWith":
                        return new Value(s.startsWith(string(args, 0)));
                    case "endsWith":
                        return new Value(s.endsWith(string(args, 0)));
                    case "equals":
                        one(args);
                        return new Value(args.get(0).v() instanceof String o && s.equals(o));
                    case "equalsIgnoreCase":
                        one(args);
                        return new Value(args.get(0).v() instanceof String o
                                && s.equalsIgnoreCase(ascii(o))
                                && ascii(s) != null);
                    case "concat":
                        return new Value(s + string(args, 0));
                    case "repeat":
                        one(args);
                        if (args.get(0).v() instanceof Long n && n >= 0 && n < 1000) {
                            return new Value(s.repeat(n.intValue()));
                        }
                        throw new Unknown();
                    default:
                        throw new Unknown();
                }
            case PYTHON:
                switch (name) {
                    case "upper":
                        none(args);
                        return new Value(ascii(s).toUpperCase(java.util.Locale.ROOT));
                    case "lower":
                        none(args);
                        return new Value(ascii(s).toLowerCase(java.util.Locale.ROOT));
                    case "strip":
                        none(args);
                        return new Value(ascii(s).strip());
                    case "startswith":
                        return new Value(s.startsWith(string(args, 0)));
                    case "endswith":
                        return new Value(s.endsWith(string(args, 0)));
                    case "isdigit":
                        none(args);
                        return new Value(!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9'));
                    default:
                        throw new Unknown();
                }
            case SCRIPT:
                switch (name) {
                    case "toUpperCase":
                        none(args);
                        return new Value(ascii(s).toUpperCase(java.util.Locale.ROOT));
                    case "toLowerCase":
                        none(args);
                        return new Value(ascii(s).toLowerCase(java.util.Locale.ROOT));
                    case "trim":
                        none(args);
                        return new Value(ascii(s).strip());
                    case "includes":
                        return new Value(s.contains(string(args, 0)));
                    case "startsWith":
                        return new Value(s.startsWith(string(args, 0)));
                    case "endsWith":
                        return new Value(s.endsWith(string(args, 0)));
                    default:
                        throw new Unknown();
                }
            default:
                throw new Unknown();
        }
    }

    private static String ascii(String s) {
        if (!s.chars().allMatch(c -> c < 128)) {
            throw new Unknown();
        }
        return s;
    }

    private Value abs(List<Value> args) {
        one(args);
        Value v = args.get(0);
        if (v.v() instanceof Long l) {
            return new Value(Math.absExact(l));
        }
        if (v.v() instanceof Double d) {
            return new Value(Math.abs(d));
        }
        throw new Unknown();
    }

    private Value sqrt(List<Value> args) {
        one(args);
        if (!args.get(0).isNumber() || args.get(0).asDouble() < 0) {
            throw new Unknown();
        }
        return new Value(Math.sqrt(args.get(0).asDouble()));
    }

    private Value minMax(String which, List<Value> args) {
        if (args.size() < 2 || (dialect == Dialect.JAVA && args.size() != 2)) {
            throw new Unknown();
        }
        Value best = null;
        for (Value v : args) {
            if (!v.isNumber()) {
                throw new Unknown();
            }
            if (best == null) {
                best = v;
                continue;
            }
            boolean better = which.equals("max") ? v.asDouble() > best.asDouble() : v.asDouble() < best.asDouble();
            if (better) {
                best = v;
            }
        }
        boolean anyDouble = args.stream().anyMatch(v -> v.v() instanceof Double);
        if (anyDouble && dialect == Dialect.JAVA) {
            return new Value(best.asDouble());
        }
        return best;
    }

    private static void one(List<Value> args) {
        if (args.size() != 1) {
            throw new Unknown();
        }
    }

    private static void none(List<Value> args) {
        if (!args.isEmpty()) {
            throw new Unknown();
        }
    }

    private static String string(List<Value> args, int i) {
        if (args.size() <= i || !(args.get(i).v() instanceof String s)) {
            throw new Unknown();
        }
        return s;
    }

    /** How the language turns a value into text in concatenation and templates. */
    private String text(Value v) {
        Object o = v.v();
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Long l) {
            return l.toString();
        }
        if (o instanceof Boolean b) {
            return dialect == Dialect.PYTHON ? (b ? "True" : "False") : b.toString();
        }
        if (o instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e7) {
                return dialect == Dialect.SCRIPT
                        ? Long.toString((long) d.doubleValue())
                        : (long) d.doubleValue() + ".0";
            }
            // Shortest round-trip spellings differ between languages and JDKs: only simple decimals are certain.
            String plain = java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            if (plain.length() <= 8 && Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7 && Double.parseDouble(plain) == d) {
                return plain;
            }
            throw new Unknown();
        }
        if (v.equals(Value.NULL)) {
            return switch (dialect) {
                case PYTHON -> "None";
                default -> "null";
            };
        }
        if (v.equals(Value.UNDEFINED) && dialect == Dialect.SCRIPT) {
            return "undefined";
        }
        throw new Unknown();
    }

    static boolean truthy(Value v, Dialect dialect) {
        Object o = v.v();
        if (o instanceof Boolean b) {
            return b;
        }
        if (dialect == Dialect.JAVA || dialect == Dialect.GO) {
            throw new Unknown();
        }
        if (v.isEmpty()) {
            return false;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        if (o instanceof Double d) {
            return d != 0 && !Double.isNaN(d);
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        throw new Unknown();
    }
}
