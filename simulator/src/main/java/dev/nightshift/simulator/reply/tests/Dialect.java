package dev.nightshift.simulator.reply.tests;

/** The language family whose semantics an expression is evaluated and a literal is written in. */
public enum Dialect {
    JAVA,
    PYTHON,
    SCRIPT,
    GO
}
