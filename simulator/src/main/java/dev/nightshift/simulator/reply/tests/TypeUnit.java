package dev.nightshift.simulator.reply.tests;

import java.util.List;
import java.util.Map;

/**
 * A class (struct) of the code under test.
 *
 * @param instantiable        not abstract, not an interface; constructors may be called from the test
 * @param implicitConstructor it declares no constructor, so a no-argument one exists
 * @param fieldInits          field → initialiser expression, for fields initialised where declared
 * @param nonNullFields       fields that are never null after construction (primitives, initialised objects)
 * @param generic             declares type parameters
 */
record TypeUnit(
        String name,
        boolean instantiable,
        List<Callable> constructors,
        boolean implicitConstructor,
        Map<String, String> fieldInits,
        java.util.Set<String> nonNullFields,
        List<Callable> methods,
        boolean generic) {}
