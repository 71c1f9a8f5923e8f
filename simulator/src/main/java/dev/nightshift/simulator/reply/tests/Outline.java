package dev.nightshift.simulator.reply.tests;

import java.util.List;

/**
 * What the simulated model understood of the code under test.
 *
 * @param primary   the name the always-true first case refers to (the class, or the first function)
 * @param constants module or class constants (name → initialiser), in order, visible to every body
 */
record Outline(
        String primary,
        boolean primaryIsType,
        List<TypeUnit> types,
        List<Callable> functions,
        java.util.Map<String, String> constants) {
    Outline(String primary, boolean primaryIsType, List<TypeUnit> types, List<Callable> functions) {
        this(primary, primaryIsType, types, functions, java.util.Map.of());
    }
}
