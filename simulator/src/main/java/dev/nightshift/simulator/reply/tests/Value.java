package dev.nightshift.simulator.reply.tests;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A value the simulated model worked out without running the code: a whole number ({@link Long}), a
 * floating-point number ({@link Double}), a string, a boolean, or one of the two empty values. Writes
 * itself as a literal of each language.
 */
public record Value(Object v) {
    /** Java {@code null}, Python {@code None}, JavaScript {@code null}. */
    public static final Value NULL = new Value(Empty.NULL);
    /** JavaScript {@code undefined} (an argument left out). */
    public static final Value UNDEFINED = new Value(Empty.UNDEFINED);

    enum Empty {
        NULL,
        UNDEFINED
    }

    public static Value of(Object o) {
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof Integer i) {
            return new Value(i.longValue());
        }
        if (o instanceof Float f) {
            return new Value(f.doubleValue());
        }
        return new Value(o);
    }

    public boolean isInteger() {
        return v instanceof Long;
    }

    public boolean isNumber() {
        return v instanceof Long || v instanceof Double;
    }

    public boolean isString() {
        return v instanceof String;
    }

    public boolean isBoolean() {
        return v instanceof Boolean;
    }

    public boolean isEmpty() {
        return v instanceof Empty;
    }

    /** A floating-point value with a fraction, compared with a tolerance rather than exactly. */
    public boolean needsTolerance() {
        return v instanceof Double d && (d != Math.rint(d) || Math.abs(d) > 1e15);
    }

    public double asDouble() {
        return ((Number) v).doubleValue();
    }

    /** The same value, a little different: what a wrong assertion expects. */
    public Value wrong() {
        if (v instanceof Long l) {
            return new Value(l + 1);
        }
        if (v instanceof Double d) {
            return new Value(d + 1);
        }
        if (v instanceof String s) {
            return new Value(s.isEmpty() ? "x" : s + "!");
        }
        if (v instanceof Boolean b) {
            return new Value(!b);
        }
        return new Value(0L);
    }

    /**
     * This value as a literal of {@code dialect}; {@code javaType} picks the Java spelling of a number
     * ({@code 6L}, {@code 6.0f}, {@code (short) 6}) and is ignored elsewhere.
     */
    public String literal(Dialect dialect, String javaType) {
        if (v == Empty.NULL) {
            return switch (dialect) {
                case PYTHON -> "None";
                case GO -> "nil";
                default -> "null";
            };
        }
        if (v == Empty.UNDEFINED) {
            return dialect == Dialect.SCRIPT ? "undefined" : NULL.literal(dialect, javaType);
        }
        if (v instanceof Boolean b) {
            return dialect == Dialect.PYTHON ? (b ? "True" : "False") : b.toString();
        }
        if (v instanceof String s) {
            return quote(s, dialect);
        }
        if (v instanceof Long l) {
            if (dialect != Dialect.JAVA) {
                return l.toString();
            }
            String t = javaType == null ? "int" : javaType;
            return switch (t) {
                case "long", "Long" -> l + "L";
                case "double", "Double" -> l + ".0";
                case "float", "Float" -> l + ".0f";
                case "short", "Short" -> "(short) " + (l < 0 ? "(" + l + ")" : l.toString());
                case "byte", "Byte" -> "(byte) " + (l < 0 ? "(" + l + ")" : l.toString());
                default -> l.toString();
            };
        }
        double d = (Double) v;
        String text = number(d);
        if (dialect == Dialect.JAVA) {
            boolean isFloat = "float".equals(javaType) || "Float".equals(javaType);
            if (Double.isNaN(d)) {
                return isFloat ? "Float.NaN" : "Double.NaN";
            }
            return isFloat ? text + "f" : text;
        }
        if (dialect == Dialect.SCRIPT && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return text;
    }

    /** A plain decimal spelling that every language reads back as the same double. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        String s = BigDecimal.valueOf(d).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    static String quote(String s, Dialect dialect) {
        char q = dialect == Dialect.SCRIPT ? '\'' : '"';
        StringBuilder out = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c > 0x7e) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(q).toString();
    }

    @Override
    public String toString() {
        return String.valueOf(v);
    }
}
