package dev.nightshift.validator.runner.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestPrunerTest {
    static final String SOURCE = """
            package demo;

            import org.junit.jupiter.api.Nested;
            import org.junit.jupiter.api.Test;

            class ShapesTest {
                // kept as written
                @Test
                void keeps() {
                    int  spacing   = 1;
                }

                /** Wrong. */
                @Test
                void drops() {
                }

                @Nested
                class Inner {
                    @Test
                    void alsoDrops() {
                    }

                    @Test
                    void alsoKeeps() {
                    }
                }
            }
            """;

    @Test
    void removesTheNamedMethodsOfTopLevelAndNestedClassesAndKeepsTheRestAsWritten() {
        String pruned = TestPruner.remove(
                        SOURCE,
                        Map.of("demo.ShapesTest", Set.of("drops"), "demo.ShapesTest$Inner", Set.of("alsoDrops")))
                .orElseThrow();

        assertThat(pruned)
                .doesNotContain("void drops()")
                .doesNotContain("alsoDrops")
                .doesNotContain("/** Wrong. */")
                .contains("void alsoKeeps()")
                .contains("// kept as written")
                .contains("int  spacing   = 1;");
        assertThat(CandidateSource.parser().parse(pruned).isSuccessful()).isTrue();
    }

    @Test
    void refusesWhenAMethodOrClassIsNotInTheSource() {
        assertThat(TestPruner.remove(SOURCE, Map.of("demo.ShapesTest", Set.of("missing"))))
                .isEmpty();
        assertThat(TestPruner.remove(SOURCE, Map.of("demo.OtherTest", Set.of("drops"))))
                .isEmpty();
        assertThat(TestPruner.remove("class {", Map.of("demo.ShapesTest", Set.of("drops"))))
                .isEmpty();
    }

    @Test
    void placesTheCandidateByItsPackageAndTheClassTheJobNamed() {
        CandidateSource where = CandidateSource.of(SOURCE, "demo.ShapesTest");
        assertThat(where.qualifiedName()).isEqualTo("demo.ShapesTest");
        assertThat(where.relativePath()).isEqualTo("demo/ShapesTest.java");

        CandidateSource broken = CandidateSource.of("package a.b;\nclass X { void f( }", "a.b.X");
        assertThat(broken.relativePath()).isEqualTo("a/b/X.java");
    }

    @Test
    void aParameterizedCaseBelongsToItsMethod() {
        LaunchReport.Case c =
                new LaunchReport.Case("demo.T", "adds(int, int)[2]", LaunchReport.Status.FAILED, "x", "m", null);
        LaunchReport.Case vintage = new LaunchReport.Case("demo.T", "adds", LaunchReport.Status.FAILED, "x", "m", null);
        assertThat(c.method()).isEqualTo("adds");
        assertThat(vintage.method()).isEqualTo("adds");
        Map<String, Set<String>> byClass = JavaMavenRunner.byClass(List.of(c, vintage));
        assertThat(byClass).containsExactly(Map.entry("demo.T", new LinkedHashSet<>(List.of("adds"))));
    }
}
