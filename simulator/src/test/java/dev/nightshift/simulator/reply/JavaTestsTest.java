package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java tests the simulated model writes are real: compiled with javac against JUnit 4, JUnit 5 and AssertJ
 * and run in this JVM, they pass when clean, and each defect shows the way the validator will see it.
 */
class JavaTestsTest {
    private static final List<String> MODELS = List.of(
            "deepseek-chat",
            "claude-3-5-haiku-20241022",
            "gpt-4o-mini",
            "qwen2.5-coder-32b-instruct",
            "gemini-1.5-flash",
            "mistral-tiny",
            "gpt-4o",
            "m8");

    @TempDir
    Path dir;

    private static String prompt(TestFramework framework, List<String> libraries) {
        TestTarget target = WorkerPrompts.target(
                "src/test/java/com/acme/CalculatorTest.java",
                "CalculatorTest",
                framework,
                Units.CALCULATOR_PATH,
                "package com.acme (same package as the code under test)",
                libraries);
        return WorkerPrompts.tests(Units.CALCULATOR_PATH, "java", target, Units.CALCULATOR);
    }

    private static TestsWriter.TestReply reply(String prompt, String model, TestDefects defects) {
        return TestsWriter.reply(PromptReader.read(prompt), new SimulatedModel(model, defects, 42));
    }

    private static TestDefects only(Defect defect) {
        return new TestDefects(
                defect == Defect.BUILD_ERROR ? 1.0 : 0.0,
                defect == Defect.WRONG_ASSERTION ? 1.0 : 0.0,
                defect == Defect.FLAKY ? 1.0 : 0.0,
                defect == Defect.NO_GAIN ? 1.0 : 0.0,
                1.0);
    }

    private JavaTestRunner.Compiled compile(String name, String test) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return JavaTestRunner.compile(
                d, Map.of("com/acme/Calculator.java", Units.CALCULATOR, "com/acme/CalculatorTest.java", test));
    }

    @ParameterizedTest
    @CsvSource({"JUNIT4, ''", "JUNIT4, assertj", "JUNIT5, ''", "JUNIT5, 'assertj, mockito'"})
    void aCleanTestCompilesAndPassesAgainstTheCodeUnderTest(TestFramework framework, String libs) throws Exception {
        // Given the worker's prompt for the Calculator, for one framework, with or without AssertJ
        List<String> libraries = libs.isBlank() ? List.of() : List.of(libs.split(",\\s*"));
        String prompt = prompt(framework, libraries);
        boolean junit4 = framework == TestFramework.JUNIT4;

        // When models without defects write the test (their seeds pick different assertion styles)
        Set<String> sources = new LinkedHashSet<>();
        for (String model : MODELS) {
            TestsWriter.TestReply reply = reply(prompt, model, TestDefects.NONE);
            assertThat(reply.text()).contains("src/test/java/com/acme/CalculatorTest.java");
            assertThat(reply.text().split("```", -1)).hasSize(3);
            assertThat(WorkerPrompts.fenced(reply.text())).isEqualTo(reply.source());
            sources.add(reply.source());
        }

        // Then each compiles against the code and passes, exercising the class for real
        int i = 0;
        for (String test : sources) {
            assertThat(test)
                    .startsWith("package com.acme;")
                    .contains((junit4 ? "public class" : "class") + " CalculatorTest {")
                    .contains(junit4 ? "import org.junit.Test;" : "import org.junit.jupiter.api.Test;")
                    .doesNotContain(junit4 ? "jupiter" : "org.junit.Assert")
                    .doesNotContain("mockito")
                    .doesNotContain("secret");
            if (libraries.isEmpty()) {
                assertThat(test).doesNotContain("assertj");
            }
            assertThat(test)
                    .contains("divide(6, 0)")
                    .contains("IllegalArgumentException")
                    .contains("add(6, 3)")
                    .contains("label(\"abc\")")
                    .contains("Calculator.square(6L)");
            JavaTestRunner.Compiled compiled = compile("clean" + i++, test);
            assertThat(compiled.ok()).as("%s\n%s", compiled.diagnostics(), test).isTrue();
            JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme.CalculatorTest", junit4);
            assertThat(run.failures()).as(test).isEmpty();
            assertThat(run.tests()).isGreaterThanOrEqualTo(8);
            assertThat(run.passed()).isTrue();
        }
        if (!libraries.isEmpty()) {
            assertThat(sources)
                    .anyMatch(s -> s.contains("org.assertj.core.api.Assertions.assertThat"))
                    .anyMatch(s -> !s.contains("assertj"));
        }
    }

    @Test
    void aBuildErrorDoesNotCompileAndItsRepairDoes() throws Exception {
        for (String model : MODELS.subList(0, 4)) {
            // Given a first try with a build error
            String prompt = prompt(TestFramework.JUNIT5, List.of());
            TestsWriter.TestReply first = reply(prompt, model, only(Defect.BUILD_ERROR));
            assertThat(first.firstTry()).isEqualTo(Defect.BUILD_ERROR);

            // When it is compiled
            JavaTestRunner.Compiled compiled = compile("broken-" + model, first.source());

            // Then javac rejects it
            assertThat(compiled.ok()).as(first.source()).isFalse();
            assertThat(compiled.diagnostics()).contains("error:");

            // And the repair round, given javac's diagnostics, gets the clean test, which compiles and passes
            String repairPrompt = WorkerPrompts.repair(
                    prompt, "java", 1, Verdict.BUILD_FAILED, compiled.diagnostics(), first.source());
            TestsWriter.TestReply repaired = reply(repairPrompt, model, only(Defect.BUILD_ERROR));
            assertThat(repaired.firstTry()).isEqualTo(Defect.BUILD_ERROR);
            assertThat(repaired.delivered()).isEqualTo(Defect.NONE);
            JavaTestRunner.Compiled fixed = compile("fixed-" + model, repaired.source());
            assertThat(fixed.ok()).as(fixed.diagnostics()).isTrue();
            assertThat(JavaTestRunner.run(fixed.classes(), "com.acme.CalculatorTest", false)
                            .passed())
                    .isTrue();
        }
    }

    @Test
    void aRepairThatFailsReturnsTheSameBrokenTest() throws Exception {
        // Given a model that never repairs, and its broken first try
        TestDefects stubborn = new TestDefects(1.0, 0.0, 0.0, 0.0, 0.0);
        String prompt = prompt(TestFramework.JUNIT4, List.of());
        TestsWriter.TestReply first = reply(prompt, "deepseek-chat", stubborn);

        // When the repair round comes, twice
        String round1 = WorkerPrompts.repair(
                prompt,
                "java",
                1,
                Verdict.BUILD_FAILED,
                "CalculatorTest.java:5: error: cannot find symbol",
                first.source());
        String round2 = WorkerPrompts.repair(
                prompt,
                "java",
                2,
                Verdict.BUILD_FAILED,
                "CalculatorTest.java:5: error: cannot find symbol",
                first.source());

        // Then the same test comes back
        assertThat(reply(round1, "deepseek-chat", stubborn).source()).isEqualTo(first.source());
        assertThat(reply(round2, "deepseek-chat", stubborn).source()).isEqualTo(first.source());
    }

    @Test
    void aWrongAssertionCompilesButFails() throws Exception {
        for (String model : MODELS.subList(0, 3)) {
            TestsWriter.TestReply reply =
                    reply(prompt(TestFramework.JUNIT5, List.of("assertj")), model, only(Defect.WRONG_ASSERTION));
            JavaTestRunner.Compiled compiled = compile("wrong-" + model, reply.source());
            assertThat(compiled.ok()).as(compiled.diagnostics()).isTrue();
            JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme.CalculatorTest", false);
            assertThat(run.failed()).as(reply.source()).isEqualTo(1);
            assertThat(run.failures()).contains("addReturnsTheExpectedValue");
        }
    }

    @Test
    void aFlakyTestPassesSomeRunsAndFailsOthers() throws Exception {
        // Given a flaky first try
        TestsWriter.TestReply reply = reply(prompt(TestFramework.JUNIT4, List.of()), "gpt-4o-mini", only(Defect.FLAKY));
        JavaTestRunner.Compiled compiled = compile("flaky", reply.source());
        assertThat(compiled.ok()).isTrue();

        // When it runs again and again
        boolean passed = false;
        boolean failed = false;
        for (int i = 0; i < 60 && !(passed && failed); i++) {
            JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme.CalculatorTest", true);
            passed |= run.passed();
            failed |= run.failed() > 0;
        }

        // Then it has both outcomes, and the rest of the test is the clean one
        assertThat(passed).isTrue();
        assertThat(failed).isTrue();
        assertThat(reply.cases()).contains("addIsFastEnough", "divideThrowsIllegalArgumentExceptionForB");
    }

    @Test
    void noGainTestsOnlyThatTheClassExists() throws Exception {
        TestsWriter.TestReply reply =
                reply(prompt(TestFramework.JUNIT5, List.of()), "deepseek-chat", only(Defect.NO_GAIN));
        JavaTestRunner.Compiled compiled = compile("nogain", reply.source());
        assertThat(compiled.ok()).isTrue();
        JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme.CalculatorTest", false);
        assertThat(run.passed()).isTrue();
        assertThat(run.tests()).isEqualTo(1);
        assertThat(reply.cases()).containsExactly("calculatorIsAvailable");
        assertThat(reply.source()).contains("assertNotNull(Calculator.class);").doesNotContain("new Calculator");
    }

    @Test
    void aRepairLeavesOutTheCasesTheValidatorRejectedWhenTheTestWasAlreadyClean() throws Exception {
        // Given a unit where the model believes a call runs, but it recurses for ever
        TestTarget target = WorkerPrompts.target(
                "src/test/java/com/acme/RunawayTest.java",
                "RunawayTest",
                TestFramework.JUNIT5,
                Units.RUNAWAY_PATH,
                "package com.acme",
                List.of());
        String prompt = WorkerPrompts.tests(Units.RUNAWAY_PATH, "java", target, Units.RUNAWAY);
        TestsWriter.TestReply first = reply(prompt, "claude-3-5-haiku-20241022", TestDefects.NONE);
        Path d = Files.createDirectories(dir.resolve("runaway"));
        JavaTestRunner.Compiled compiled = JavaTestRunner.compile(
                d, Map.of("com/acme/Runaway.java", Units.RUNAWAY, "com/acme/RunawayTest.java", first.source()));
        JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme.RunawayTest", false);
        assertThat(run.failures()).contains("countUpRunsWithoutThrowing").contains("StackOverflowError");

        // When the validator sends it back with the failure
        String repairPrompt = WorkerPrompts.repair(prompt, "java", 1, Verdict.FAILED, run.failures(), first.source());
        TestsWriter.TestReply repaired = reply(repairPrompt, "claude-3-5-haiku-20241022", TestDefects.NONE);

        // Then the repaired test drops that case, keeps the others, and passes
        assertThat(repaired.cases())
                .doesNotContain("countUpRunsWithoutThrowing")
                .contains("twiceReturnsTheExpectedValue");
        Path d2 = Files.createDirectories(dir.resolve("runaway-fixed"));
        JavaTestRunner.Compiled fixed = JavaTestRunner.compile(
                d2, Map.of("com/acme/Runaway.java", Units.RUNAWAY, "com/acme/RunawayTest.java", repaired.source()));
        assertThat(JavaTestRunner.run(fixed.classes(), "com.acme.RunawayTest", false)
                        .passed())
                .isTrue();
    }

    @Test
    void aPartOfASplitClassIsTestedOnlyThroughTheMembersShown() throws Exception {
        // Given part 2 of 3 of a class: a static method and an accessor, no constructor shown
        TestTarget target = new TestTarget(
                "src/test/java/com/acme/AccountPart2Test.java",
                "AccountPart2Test",
                TestFramework.JUNIT5,
                "src/main/java/com/acme/Account.java",
                "package com.acme",
                List.of(),
                "src/test/java/com/acme/AccountTest.java",
                2,
                3);
        String prompt = WorkerPrompts.tests(Units.ACCOUNT_PART_PATH, "java", target, Units.ACCOUNT_PART);

        // When the test is written
        TestsWriter.TestReply reply = reply(prompt, "deepseek-chat", TestDefects.NONE);

        // Then it tests the static method (value and guard), never constructs the class, and passes against the whole
        // class
        assertThat(reply.cases())
                .containsExactly(
                        "accountIsAvailable",
                        "centsReturnsTheExpectedValue",
                        "centsThrowsIllegalArgumentExceptionForEuros");
        assertThat(reply.source()).contains("class AccountPart2Test").doesNotContain("new Account");
        String account = """
                package com.acme;

                public class Account {
                    private final String owner;

                    public Account(String owner) {
                        this.owner = owner;
                    }

                    public static int cents(int euros) {
                        if (euros < 0) {
                            throw new IllegalArgumentException("negative");
                        }
                        return euros * 100;
                    }

                    public String owner() {
                        return owner;
                    }
                }
                """;
        Path d = Files.createDirectories(dir.resolve("account"));
        JavaTestRunner.Compiled compiled = JavaTestRunner.compile(
                d, Map.of("com/acme/Account.java", account, "com/acme/AccountPart2Test.java", reply.source()));
        assertThat(compiled.ok()).as(compiled.diagnostics()).isTrue();
        assertThat(JavaTestRunner.run(compiled.classes(), "com.acme.AccountPart2Test", false)
                        .passed())
                .isTrue();
    }

    @Test
    void overManyUnitsBuildErrorsAreExactlyTheTestsThatDoNotCompile() throws Exception {
        // Given 40 small classes and a profile with every kind of defect
        TestDefects profile = new TestDefects(0.3, 0.2, 0.1, 0.1, 0.6);
        List<Defect> drawn = new ArrayList<>();
        int compileFailures = 0;
        int runFailures = 0;
        for (int i = 0; i < 40; i++) {
            String name = "Unit" + i;
            String code = "package com.acme;\n\npublic class " + name + " {\n"
                    + "    public int plus" + i + "(int a) {\n        return a + " + i + ";\n    }\n\n"
                    + "    public static String tag(String s) {\n        if (s.isEmpty()) throw new IllegalArgumentException(\"empty\");\n"
                    + "        return s + \"-" + i + "\";\n    }\n}\n";
            TestTarget target = WorkerPrompts.target(
                    "src/test/java/com/acme/" + name + "Test.java",
                    name + "Test",
                    TestFramework.JUNIT5,
                    "src/main/java/com/acme/" + name + ".java",
                    "package com.acme",
                    List.of());
            TestsWriter.TestReply reply = reply(
                    WorkerPrompts.tests("src/main/java/com/acme/" + name + ".java", "java", target, code),
                    "deepseek-chat",
                    profile);
            drawn.add(reply.firstTry());

            // When each is compiled and run
            Path d = Files.createDirectories(dir.resolve(name));
            JavaTestRunner.Compiled compiled = JavaTestRunner.compile(
                    d, Map.of("com/acme/" + name + ".java", code, "com/acme/" + name + "Test.java", reply.source()));

            // Then the build errors are exactly the tests that do not compile, wrong assertions exactly those that fail
            assertThat(compiled.ok())
                    .as("%s\n%s", reply.firstTry(), reply.source())
                    .isEqualTo(reply.firstTry() != Defect.BUILD_ERROR);
            if (!compiled.ok()) {
                compileFailures++;
                continue;
            }
            JavaTestRunner.Run run = JavaTestRunner.run(compiled.classes(), "com.acme." + name + "Test", false);
            if (reply.firstTry() == Defect.WRONG_ASSERTION) {
                assertThat(run.failed()).isEqualTo(1);
                runFailures++;
            } else if (reply.firstTry() != Defect.FLAKY) {
                assertThat(run.passed()).as(reply.source() + run.failures()).isTrue();
            }
        }
        assertThat(compileFailures)
                .isEqualTo((int)
                        drawn.stream().filter(d -> d == Defect.BUILD_ERROR).count())
                .isPositive();
        assertThat(runFailures).isPositive();
    }
}
