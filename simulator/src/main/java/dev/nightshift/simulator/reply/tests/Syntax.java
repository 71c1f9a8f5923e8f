package dev.nightshift.simulator.reply.tests;

import java.util.List;

/** How one language writes the snippets a {@link Fact} carries: arguments, constructions, calls, instances. */
interface Syntax {
    Dialect dialect();

    /** The argument literal for a parameter. */
    default String argument(Value v, Param p) {
        return v.literal(dialect(), p.declared());
    }

    /** An expression creating an instance, e.g. {@code new Calculator(6)} or {@code Calculator(6)}. */
    String construct(TypeUnit type, String args);

    /** Statements binding {@code var} to {@code expression} (a construction). */
    List<String> bind(TypeUnit type, String var, String expression);

    /** The local variable an instance of {@code type} is held in. */
    String instanceVar(TypeUnit type);

    /** A call: {@code target} is the instance variable (methods), the type (static methods) or null (functions). */
    String call(Callable c, String target, String args);

    /** How the test names a type (the class literal's subject, a static call's target). */
    String typeReference(TypeUnit type);

    /** The expression naming the primary class or function, for the always-true case. */
    String reference(String name, boolean isType);

    /**
     * The value as the test should expect it from {@code c}'s declared result, or null when it cannot be
     * asserted exactly (a {@code char}, an object, an out-of-range number).
     */
    Value expected(Callable c, Value v);

    /** The scope key of a field for the evaluator ({@code this.x}, {@code self.x}); Java also binds the bare name. */
    List<String> fieldKeys(String field);
}
