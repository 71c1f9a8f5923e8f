package dev.nightshift.simulator.reply.tests;

/**
 * A parameter of a function, method or constructor.
 *
 * @param declared   the declared type as written (Java, Go, type hints), or null
 * @param defaultExpr the default value's expression (Python, JavaScript), or null when the argument is required
 * @param nullable   whether null (or None, undefined) may be passed at all
 */
record Param(String name, Family family, String declared, String defaultExpr, boolean nullable) {
    boolean optional() {
        return defaultExpr != null;
    }

    boolean supported() {
        return family != Family.OTHER;
    }
}
