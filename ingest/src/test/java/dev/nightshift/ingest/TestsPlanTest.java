package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestsPlanTest {
    static final String GREETER = """
            package com.acme;

            import com.acme.util.Strings;

            public class Greeter {
                public String greet(String name) {
                    return Strings.isBlank(name) ? "Hello" : "Hello, " + name;
                }

                public String farewell(String name) {
                    return "Bye, " + name;
                }
            }
            """;
    static final String PERSON = """
            package com.acme;

            public class Person {
                private String name;

                public String getName() {
                    return name;
                }

                public void setName(String name) {
                    this.name = name;
                }
            }
            """;

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void repository() {
        dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file(
                            "pom.xml",
                            "<project><dependencies><dependency><artifactId>junit-jupiter</artifactId></dependency></dependencies></project>")
                    .file("src/main/java/com/acme/Greeter.java", GREETER)
                    .file("src/main/java/com/acme/util/Strings.java", SampleRepository.STRINGS)
                    .file("src/main/java/com/acme/Person.java", PERSON)
                    .file(
                            "src/main/java/com/acme/Shape.java",
                            "package com.acme;\n\npublic interface Shape {\n    double area();\n}\n")
                    .file("src/test/java/com/acme/GreeterTest.java", "class GreeterTest {\n    // greets\n}\n")
                    .file("app/calc.py", SampleRepository.PYTHON)
                    .file(
                            "tests/test_calc.py",
                            "from app.calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n")
                    .commit("c");
        }
    }

    @Test
    void aClassThatFitsIsOneJobWithFrameworkCalleeSignaturesAndTheExistingTest() {
        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.TESTS);

        // Then
        Job greeter = result.job("src/main/java/com/acme/Greeter.java");
        assertThat(greeter.content())
                .startsWith("// nightshift context for writing tests")
                .doesNotContain("test framework:")
                .contains("src/main/java/com/acme/util/Strings.java: Strings: public static boolean isBlank(String s)")
                .contains(
                        "// existing test file src/test/java/com/acme/GreeterTest.java (it stays in the suite: do not repeat its"
                                + " cases, follow its style):\n// | class GreeterTest {")
                .endsWith(GREETER);
        assertThat(greeter.testTarget().path())
                .as("the existing test is kept, the new one beside it")
                .isEqualTo("src/test/java/com/acme/GreeterGeneratedTest.java");
        assertThat(greeter.testTarget().framework()).isEqualTo(TestFramework.JUNIT5);
        assertThat(greeter.maxOutputTokens())
                .isEqualTo(SampleRepository.config().jobs().maxOutputTokens(TaskType.TESTS));
        Job calc = result.job("app/calc.py");
        assertThat(calc.content())
                .doesNotContain("test framework:")
                .contains("# existing test file tests/test_calc.py")
                .endsWith(SampleRepository.PYTHON);
        assertThat(calc.testTarget().path()).isEqualTo("tests/test_calc_generated.py");
        assertThat(calc.testTarget().imports()).isEqualTo("from app.calc import add");
    }

    @Test
    void testFilesAccessorOnlyClassesAndInterfacesGetNoJob() {
        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"))
                .plan(dir.toString(), null, TaskType.TESTS);

        // Then
        assertThat(result.skipReason("src/test/java/com/acme/GreeterTest.java")).isEqualTo("test-file");
        assertThat(result.skipReason("tests/test_calc.py")).isEqualTo("test-file");
        assertThat(result.skipReason("src/main/java/com/acme/Person.java")).isEqualTo("no-testable-units");
        assertThat(result.skipReason("src/main/java/com/acme/Shape.java")).isEqualTo("no-testable-units");
        assertThat(result.unitPaths())
                .containsExactlyInAnyOrder(
                        "src/main/java/com/acme/Greeter.java",
                        "src/main/java/com/acme/util/Strings.java",
                        "app/calc.py");
    }

    @Test
    void aClassLargerThanTheGroupBudgetIsSplitIntoGroupsOfItsMethods() {
        // Given a budget smaller than the Greeter class but larger than each method
        IngestOptions small = IngestOptions.fromEnvironment(java.util.Map.of()).withTestGroupTokens(40);

        // When
        RunPlanning.Result result = new RunPlanning(SampleRepository.config(), tmp.resolve("cache"), small)
                .plan(dir.toString(), null, TaskType.TESTS);

        // Then
        assertThat(result.unitPaths())
                .contains(
                        "src/main/java/com/acme/Greeter.java#Greeter@L6-8",
                        "src/main/java/com/acme/Greeter.java#Greeter@L10-12");
        assertThat(result.job("src/main/java/com/acme/Greeter.java#Greeter@L10-12")
                        .content())
                .contains("import com.acme.util.Strings;", "public class Greeter {", "return \"Bye, \" + name;")
                .doesNotContain("return Strings.isBlank");
    }
}
