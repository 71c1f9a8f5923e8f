package dev.nightshift.simulator.reply.tests;

import java.util.List;
import java.util.Map;

/**
 * A function, method or constructor of the code under test, as far as the simulated model read it.
 *
 * @param owner      the declaring type, or null for a top-level function
 * @param guards     the argument checks the body starts with, in order
 * @param returns    the returned expression when the rest of the body is one return statement, else null
 * @param returnType the declared return type (Java, Go), or null; {@code void} for none
 * @param nonNull    every return visibly gives a value (a literal, a concatenation, a new object)
 * @param safe       the rest of the body touches nothing the model cannot vouch for (no I/O, clock,
 *                   randomness, unknown collaborators, possibly-null fields)
 * @param checked    Java: declares checked exceptions; Go: the last result is an {@code error}
 * @param assigns    constructors: field → assigned expression, in order ({@code this.x = x})
 */
record Callable(
        Role role,
        String owner,
        String name,
        List<Param> params,
        List<Guard> guards,
        String returns,
        String returnType,
        boolean nonNull,
        boolean safe,
        boolean checked,
        Map<String, String> assigns) {
    enum Role {
        FUNCTION,
        STATIC,
        METHOD,
        CONSTRUCTOR
    }

    boolean paramsSupported() {
        return params.stream().allMatch(p -> p.supported() || p.optional());
    }

    boolean isVoid() {
        return "void".equals(returnType);
    }
}
