package dev.nightshift.simulator.reply.tests;

import java.util.List;

/**
 * One thing a test case asserts, language-neutral except for the code snippets it carries.
 *
 * @param subject   the member it is about (for the case's name)
 * @param setup     statements creating the instance the call needs (may be empty)
 * @param call      the expression under test (a call, a construction, or the bare name for {@link Kind#AVAILABLE})
 * @param expected  {@link Kind#EQUALS}: the value
 * @param type      the declared type of the call's result (Java), or null
 * @param exception {@link Kind#THROWS}: how the test names what is thrown
 * @param detail    a few words on the arguments ({@code 6, 3}; for THROWS the rejected parameter)
 */
record Fact(
        Kind kind,
        String subject,
        List<String> setup,
        String call,
        Value expected,
        String type,
        String exception,
        String detail) {
    enum Kind {
        /** The class or function exists: true whatever the code does — the case that adds nothing. */
        AVAILABLE,
        CONSTRUCTS,
        EQUALS,
        NOT_NULL,
        RUNS,
        THROWS
    }

    static Fact available(String subject, String reference) {
        return new Fact(Kind.AVAILABLE, subject, List.of(), reference, null, null, null, "");
    }
}
