package dev.nightshift.ingest.plan.tests.placement;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * How one ecosystem names a test file from a stem ({@code Foo} → {@code src/test/java/a/FooTest.java} and
 * class {@code FooTest}; {@code foo} → {@code tests/test_foo.py} and module {@code test_foo}), and how it
 * extends a stem with a word ({@code FooPart2}, {@code foo_part2}, {@code foo.part2}).
 */
interface TestFileNaming {
    /** Variants tried when the plain name is taken by an existing test: never overwrite the repository's tests. */
    int MAX_VARIANTS = 10;

    /** A test file's path (from the repository root) and the name it declares. */
    record TestFileName(String path, String name) {}

    TestFileName file(String stem);

    String join(String stem, String word);

    /** Part 1 keeps the stem; part k of a split unit adds {@code part<k>}. */
    default String partStem(String stem, int part) {
        return part == 1 ? stem : join(stem, "part" + part);
    }

    /**
     * The first stem — {@code base}, then {@code base} + {@code generated}, {@code generated2}, … — whose files for
     * every part are free (no existing test there) and accepted (where the runner collects them).
     */
    default Optional<String> freeStem(String base, int parts, Predicate<String> taken, Predicate<String> accepted) {
        for (int variant = 0; variant < MAX_VARIANTS; variant++) {
            String stem = variant == 0 ? base : join(base, variant == 1 ? "generated" : "generated" + variant);
            boolean ok = true;
            for (int part = 1; part <= parts && ok; part++) {
                String path = file(partStem(stem, part)).path();
                ok = !taken.test(path) && accepted.test(path);
            }
            if (ok) {
                return Optional.of(stem);
            }
        }
        return Optional.empty();
    }
}
