package dev.nightshift.sinkapi.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import dev.nightshift.sinkapi.merge.TestMerger.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The passing parts of one split class merged into its one file, per language, collisions included. */
class TestMergerTest {

    @Test
    void javaPartsBecomeOneClassWithTheBasesNameTheirImportsOnceAndCollidingMembersRenamed() {
        String part1 = """
                package a;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class GreeterTest {
                    private static final String NAME = "Ada";
                    private final Greeter greeter = new Greeter();

                    @Test
                    void greetsByName() {
                        assertEquals("Hello, Ada", greeter.greet(name()));
                    }

                    private static String name() {
                        return NAME;
                    }
                }
                """;
        String part2 = """
                package a;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertThrows;

                import org.junit.jupiter.api.Test;

                class GreeterPart2Test {
                    private static final String NAME = "Bob";
                    private final Greeter greeter = new Greeter();

                    @Test
                    void greetsByName() {
                        assertEquals("Hello, Bob", greeter.greet(name()));
                        assertEquals(NAME, GreeterPart2Test.NAME);
                    }

                    @Test
                    void rejectsNull() {
                        assertThrows(IllegalArgumentException.class, () -> greeter.greet(null));
                    }

                    private static String name() {
                        String NAME = "local";
                        return NAME.isEmpty() ? null : GreeterPart2Test.NAME;
                    }
                }
                """;

        String merged = TestMerger.merge(
                "src/test/java/a/GreeterTest.java",
                List.of(
                        new Part(2, "src/test/java/a/GreeterPart2Test.java", part2),
                        new Part(1, "src/test/java/a/GreeterTest.java", part1)));

        CompilationUnit cu = StaticJavaParser.parse(merged);
        assertThat(cu.getTypes()).singleElement().satisfies(t -> assertThat(t.getNameAsString())
                .isEqualTo("GreeterTest"));
        ClassOrInterfaceDeclaration type = cu.getClassByName("GreeterTest").orElseThrow();
        assertThat(type.getMethods())
                .extracting(MethodDeclaration::getNameAsString)
                .containsExactly("greetsByName", "name", "greetsByNamePart2", "rejectsNull", "namePart2");
        assertThat(type.getFields())
                .flatExtracting(f -> f.getVariables().stream()
                        .map(VariableDeclarator::getNameAsString)
                        .toList())
                .containsExactly("NAME", "greeter", "NAMEPart2");
        assertThat(cu.getImports())
                .extracting(i -> i.getNameAsString() + (i.isStatic() ? " static" : ""))
                .containsExactlyInAnyOrder(
                        "org.junit.jupiter.api.Assertions.assertEquals static",
                        "org.junit.jupiter.api.Assertions.assertThrows static",
                        "org.junit.jupiter.api.Test");
        String renamedTest = type.getMethodsByName("greetsByNamePart2").get(0).toString();
        assertThat(renamedTest)
                .contains("greeter.greet(namePart2())")
                .contains("assertEquals(NAMEPart2, GreeterTest.NAMEPart2)");
        String renamedHelper = type.getMethodsByName("namePart2").get(0).toString();
        assertThat(renamedHelper)
                .as("a local variable shadowing the renamed field keeps its name")
                .contains("String NAME = \"local\"")
                .contains("NAME.isEmpty() ? null : GreeterTest.NAMEPart2");
        assertThat(merged)
                .as("the base as it was written, the part's import after its imports, its members at the end")
                .isEqualTo("""
                        package a;

                        import static org.junit.jupiter.api.Assertions.assertEquals;

                        import org.junit.jupiter.api.Test;
                        import static org.junit.jupiter.api.Assertions.assertThrows;

                        class GreeterTest {
                            private static final String NAME = "Ada";
                            private final Greeter greeter = new Greeter();

                            @Test
                            void greetsByName() {
                                assertEquals("Hello, Ada", greeter.greet(name()));
                            }

                            private static String name() {
                                return NAME;
                            }

                            private static final String NAMEPart2 = "Bob";

                            @Test
                            void greetsByNamePart2() {
                                assertEquals("Hello, Bob", greeter.greet(namePart2()));
                                assertEquals(NAMEPart2, GreeterTest.NAMEPart2);
                            }

                            @Test
                            void rejectsNull() {
                                assertThrows(IllegalArgumentException.class, () -> greeter.greet(null));
                            }

                            private static String namePart2() {
                                String NAME = "local";
                                return NAME.isEmpty() ? null : GreeterTest.NAMEPart2;
                            }
                        }
                        """);
    }

    @Test
    void aPublicJavaBaseClassTakesTheNameOfTheFileItEndsIn() {
        String part = """
                package a;

                import org.junit.jupiter.api.Test;

                public class GreeterPart1Test {
                    public GreeterPart1Test() {
                    }

                    @Test
                    void greets() {
                    }
                }
                """;

        String merged = TestMerger.merge(
                "src/test/java/a/GreeterTest.java",
                List.of(new Part(1, "src/test/java/a/GreeterPart1Test.java", part)));

        CompilationUnit cu = StaticJavaParser.parse(merged);
        ClassOrInterfaceDeclaration type = cu.getClassByName("GreeterTest").orElseThrow();
        assertThat(type.getConstructors()).singleElement().satisfies(c -> assertThat(c.getNameAsString())
                .isEqualTo("GreeterTest"));
    }

    @Test
    void aJavaPartThatDoesNotParseCannotBeMerged() {
        assertThatThrownBy(() -> TestMerger.merge(
                        "src/test/java/a/GreeterTest.java",
                        List.of(
                                new Part(
                                        1,
                                        "src/test/java/a/GreeterTest.java",
                                        "class GreeterTest { @Test void a() {} }"),
                                new Part(
                                        2,
                                        "src/test/java/a/GreeterPart2Test.java",
                                        "class GreeterPart2Test { void b( }"))))
                .isInstanceOf(MergeException.class)
                .hasMessageContaining("part 2")
                .hasMessageContaining("does not parse as Java");
    }

    @Test
    void pythonPartsShareImportsFixturesAndClassesWithCollisionsRenamedAndTheMainBlockLast() {
        String part1 = """
                import pytest

                from pkg.greeter import Greeter


                @pytest.fixture
                def greeter():
                    return Greeter()


                def test_greets(greeter):
                    assert greeter.greet("Ada") == "Hello, Ada"


                class TestGreeter:
                    def test_name(self):
                        assert Greeter().name == "greeter"


                if __name__ == "__main__":
                    pytest.main()
                """;
        String part2 = """
                \"\"\"Part two of the greeter's tests.\"\"\"
                import pytest
                from pkg.greeter import Greeter, farewell

                GREETING = "Hi"


                @pytest.fixture
                def greeter():
                    return Greeter(prefix=GREETING)


                def test_greets(greeter):
                    # a comment that mentions greeter stays as it is
                    assert greeter.greet("Bob") == "Hi, Bob"


                def test_farewell():
                    assert farewell("Bob") == "Bye, Bob"


                class TestGreeter:
                    def test_name(self):
                        assert self.helper() == "greeter"

                    def helper(self):
                        return Greeter().name


                if __name__ == "__main__":
                    pytest.main()
                """;

        String merged = TestMerger.merge(
                "tests/test_greeter.py",
                List.of(
                        new Part(1, "tests/test_greeter.py", part1),
                        new Part(2, "tests/test_greeter_part2.py", part2)));

        assertThat(merged).isEqualTo("""
                import pytest

                from pkg.greeter import Greeter
                from pkg.greeter import Greeter, farewell


                @pytest.fixture
                def greeter():
                    return Greeter()


                def test_greets(greeter):
                    assert greeter.greet("Ada") == "Hello, Ada"


                class TestGreeter:
                    def test_name(self):
                        assert Greeter().name == "greeter"

                    def test_name_part2(self):
                        assert self.helper() == "greeter"

                    def helper(self):
                        return Greeter().name


                GREETING = "Hi"


                @pytest.fixture
                def greeter_part2():
                    return Greeter(prefix=GREETING)


                def test_greets_part2(greeter_part2):
                    # a comment that mentions greeter stays as it is
                    assert greeter_part2.greet("Bob") == "Hi, Bob"


                def test_farewell():
                    assert farewell("Bob") == "Bye, Bob"


                if __name__ == "__main__":
                    pytest.main()
                """);
    }

    @Test
    void javascriptPartsAddOnlyMissingBindingsAndSuffixCollidingTitles() {
        String part1 = """
                const { greet } = require('../lib/greet');

                describe('greet', () => {
                  test('says hello', () => {
                    expect(greet('Ada')).toBe('Hello, Ada');
                  });
                });
                """;
        String part2 = """
                'use strict';
                const { greet, farewell } = require('../lib/greet');
                const shout = (s) => `${s.toUpperCase()}!`;

                describe('greet', () => {
                  test('says hello', () => {
                    expect(greet(shout('bob'))).toBe('Hello, BOB!');
                  });
                  test('says bye', () => {
                    expect(farewell('Bob')).toBe('Bye, Bob');
                  });
                });
                """;

        String merged = TestMerger.merge(
                "lib/greet.test.js",
                List.of(new Part(1, "lib/greet.test.js", part1), new Part(2, "lib/greet.part2.test.js", part2)));

        assertThat(merged).isEqualTo("""
                const { greet } = require('../lib/greet');
                const { farewell } = require('../lib/greet');

                describe('greet', () => {
                  test('says hello', () => {
                    expect(greet('Ada')).toBe('Hello, Ada');
                  });
                });

                const shout = (s) => `${s.toUpperCase()}!`;

                describe('greet (part 2)', () => {
                  test('says hello (part 2)', () => {
                    expect(greet(shout('bob'))).toBe('Hello, BOB!');
                  });
                  test('says bye', () => {
                    expect(farewell('Bob')).toBe('Bye, Bob');
                  });
                });
                """);
    }

    @Test
    void typescriptImportsOfTheSameNameFromElsewhereAndCollidingDeclarationsAreRenamed() {
        String part1 = """
                import { describe, it, expect } from 'vitest';
                import { greet } from '../src/greet';

                const name = 'Ada';

                describe('greet', () => {
                  it('greets', () => expect(greet(name)).toBe('Hello, Ada'));
                });
                """;
        String part2 = """
                import { describe, it, expect } from 'vitest';
                import { greet } from '../src/formal';

                const name: string = 'Bob';

                it('greets formally', () => expect(greet(name)).toBe('Good day, Bob'));
                """;

        String merged = TestMerger.merge(
                "src/greet.test.ts",
                List.of(new Part(1, "src/greet.test.ts", part1), new Part(2, "src/greet.part2.test.ts", part2)));

        assertThat(merged).isEqualTo("""
                import { describe, it, expect } from 'vitest';
                import { greet } from '../src/greet';
                import { greet as greetPart2 } from '../src/formal';

                const name = 'Ada';

                describe('greet', () => {
                  it('greets', () => expect(greet(name)).toBe('Hello, Ada'));
                });

                const namePart2: string = 'Bob';

                it('greets formally', () => expect(greetPart2(namePart2)).toBe('Good day, Bob'));
                """);
    }

    @Test
    void goPartsKeepTheBasePackageJoinImportsAndRenameCollidingFunctions() {
        String part1 = """
                package greet

                import "testing"

                func newGreeter() *Greeter { return &Greeter{} }

                func TestGreet(t *testing.T) {
                \tif got := newGreeter().Greet("Ada"); got != "Hello, Ada" {
                \t\tt.Fatalf("got %q", got)
                \t}
                }
                """;
        String part2 = """
                package greet

                import (
                \t"strings"
                \t"testing"
                )

                // newGreeter builds a greeter that says Hi.
                func newGreeter() *Greeter { return &Greeter{Prefix: "Hi"} }

                func TestGreet(t *testing.T) {
                \tif got := newGreeter().Greet("Bob"); !strings.HasPrefix(got, "Hi") {
                \t\tt.Fatalf("newGreeter: got %q", got)
                \t}
                }

                func TestFarewell(t *testing.T) {
                \tif Farewell("Bob") != "Bye, Bob" {
                \t\tt.Fatal("farewell")
                \t}
                }
                """;

        String merged = TestMerger.merge(
                "greet/greet_test.go",
                List.of(new Part(1, "greet/greet_test.go", part1), new Part(2, "greet/greet_part2_test.go", part2)));

        assertThat(merged).isEqualTo("""
                package greet

                import "testing"
                import "strings"

                func newGreeter() *Greeter { return &Greeter{} }

                func TestGreet(t *testing.T) {
                \tif got := newGreeter().Greet("Ada"); got != "Hello, Ada" {
                \t\tt.Fatalf("got %q", got)
                \t}
                }

                // newGreeter builds a greeter that says Hi.
                func newGreeterPart2() *Greeter { return &Greeter{Prefix: "Hi"} }

                func TestGreetPart2(t *testing.T) {
                \tif got := newGreeterPart2().Greet("Bob"); !strings.HasPrefix(got, "Hi") {
                \t\tt.Fatalf("newGreeter: got %q", got)
                \t}
                }

                func TestFarewell(t *testing.T) {
                \tif Farewell("Bob") != "Bye, Bob" {
                \t\tt.Fatal("farewell")
                \t}
                }
                """);
    }

    @Test
    void goImportsJoinTheBasesImportBlockAndTwoTestMainsCannotBeMerged() {
        String base = "package greet\n\nimport (\n\t\"testing\"\n)\n\nfunc TestA(t *testing.T) {}\n";
        String part =
                "package greet\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestB(t *testing.T) { _ = os.Args }\n";

        String merged = TestMerger.merge(
                "greet_test.go", List.of(new Part(1, "greet_test.go", base), new Part(2, "b_test.go", part)));

        assertThat(merged)
                .isEqualTo("package greet\n\nimport (\n\t\"testing\"\n\t\"os\"\n)\n\nfunc TestA(t *testing.T) {}\n\n"
                        + "func TestB(t *testing.T) { _ = os.Args }\n");
        String main1 =
                "package greet\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }\n";
        String main2 =
                "package greet\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { setup(); os.Exit(m.Run()) }\n";
        assertThatThrownBy(() -> TestMerger.merge(
                        "greet_test.go", List.of(new Part(1, "a_test.go", main1), new Part(2, "b_test.go", main2))))
                .isInstanceOf(MergeException.class)
                .hasMessageContaining("TestMain");
    }

    @Test
    void oneLanguagesMergeNeverAppliesToAnother() {
        assertThat(TestMerger.supports("a/GreeterTest.java")).isTrue();
        assertThat(TestMerger.supports("a/test_greeter.py")).isTrue();
        assertThat(TestMerger.supports("a/greeter.test.tsx")).isTrue();
        assertThat(TestMerger.supports("a/greeter_test.go")).isTrue();
        assertThat(TestMerger.supports("a/greeter_spec.rb")).isFalse();
        assertThatThrownBy(() -> TestMerger.merge("a/greeter_spec.rb", List.of(new Part(1, "a/greeter_spec.rb", "x"))))
                .isInstanceOf(MergeException.class)
                .hasMessageContaining("unsupported");
    }
}
