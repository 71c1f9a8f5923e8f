package dev.nightshift.validator.runner.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Validator;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.sandbox.UnsandboxedProcess;
import dev.nightshift.validator.workspace.Workspaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java runner on a real Maven project with JUnit 4 tests (run by the launcher's Vintage engine), with the
 * unsandboxed process runner: the workspace is prepared once for the class.
 */
class JavaMavenRunnerJUnit4IT {
    @TempDir
    static Path tmp;

    static Path repo;
    static String commit;
    static ValidatorSettings settings;
    static Workspaces workspaces;
    static Validator validator;

    @BeforeAll
    static void prepareOnce() throws Exception {
        repo = tmp.resolve("repo");
        commit = MavenProjects.junit4(repo);
        settings =
                new ValidatorSettings(tmp.resolve("home"), 3, Duration.ofSeconds(60), 2L << 30, 256, false, true, 4000);
        workspaces = new Workspaces(settings.home(), 4, Duration.ofMinutes(5));
        validator = new Validator(
                settings,
                workspaces,
                List.of(new JavaMavenRunner(settings, new UnsandboxedProcess(), JavaRunnerOptions.defaults())));
    }

    static Candidate test(String className, String sourcePath, String source) {
        return new Candidate(
                TestTarget.single(
                        "src/test/java/demo/" + className + ".java",
                        "demo." + className,
                        TestFramework.JUNIT4,
                        sourcePath,
                        "demo",
                        List.of()),
                source);
    }

    static Candidate calculatorTest(String className, String source) {
        return test(className, "src/main/java/demo/Calculator.java", source);
    }

    @Test
    void aJUnit4TestOfUncoveredCodeRunsAndPassesWithTheCoverageItGains() {
        String source = """
                package demo;

                import static org.junit.Assert.assertEquals;
                import static org.junit.Assert.assertFalse;
                import static org.junit.Assert.assertTrue;

                import org.junit.Test;

                public class StringUtilsTest {
                    @Test
                    public void reversesAString() {
                        assertEquals("cba", StringUtils.reverse("abc"));
                    }

                    @Test
                    public void recognisesPalindromes() {
                        assertTrue(StringUtils.isPalindrome("Anna"));
                        assertFalse(StringUtils.isPalindrome("Anne"));
                    }

                    @Test
                    public void capitalizesOnlyWhatItCan() {
                        assertEquals("Word", StringUtils.capitalize("word"));
                        assertEquals("", StringUtils.capitalize(""));
                    }
                }
                """;
        Validation v = validator.validate(
                repo.toString(), commit, test("StringUtilsTest", "src/main/java/demo/StringUtils.java", source));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        // the Vintage engine found and ran every JUnit 4 case, three times
        assertThat(v.casesRun()).isEqualTo(3);
        assertThat(v.runs()).isEqualTo(3);
        assertThat(v.coverage().linesBefore()).isZero();
        assertThat(v.coverage().linesAfter()).isGreaterThanOrEqualTo(6); // all but the private constructor
        assertThat(v.coverage().branchesGained()).isEqualTo(v.coverage().branchesTotal() - 1); // null is never passed
    }

    @Test
    void aJUnit4TestOfCoveredLinesGainsNothingAndAWrongOneFails() {
        Validation again = validator.validate(repo.toString(), commit, calculatorTest("CalculatorAgainTest", """
                package demo;

                import static org.junit.Assert.assertEquals;

                import org.junit.Test;

                public class CalculatorAgainTest {
                    @Test
                    public void addsZero() {
                        assertEquals(2, new Calculator().add(2, 0));
                    }
                }
                """));
        Validation wrong = validator.validate(repo.toString(), commit, calculatorTest("CalculatorWrongTest", """
                package demo;

                import static org.junit.Assert.assertEquals;

                import org.junit.Test;

                public class CalculatorWrongTest {
                    @Test
                    public void divides() {
                        assertEquals("six by three", 3, new Calculator().divide(6, 3));
                    }
                }
                """));

        assertThat(again.verdict()).as(again.diagnostics()).isEqualTo(Verdict.NO_GAIN);
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(wrong.diagnostics())
                .contains("CalculatorWrongTest.divides: six by three expected:<3> but was:<2>")
                .contains("(CalculatorWrongTest.java:10)");
    }

    @Test
    void aJUnit4TestThatLeavesAMarkerIsFlaky() {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorMarkerTest", """
                package demo;

                import static org.junit.Assert.assertEquals;
                import static org.junit.Assert.assertTrue;

                import java.io.File;
                import org.junit.Test;

                public class CalculatorMarkerTest {
                    @Test
                    public void runsOnce() throws Exception {
                        assertTrue("first run only", new File("marker").createNewFile());
                        assertEquals(2, new Calculator().max(1, 2));
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.FLAKY);
        assertThat(v.diagnostics()).contains("passed in run 1, failed in run 2").contains("first run only");
    }

    @Test
    void aJUnit4TestThatDoesNotCompileFailsToBuild() {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorTypoTest", """
                package demo;

                import org.junit.Test;

                public class CalculatorTypoTest {
                    @Test
                    public void divides() {
                        int q = new Calculator().divide(6, 3)
                    }
                }
                """));

        assertThat(v.verdict()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics()).startsWith("CalculatorTypoTest.java:8: ';' expected");
    }

    @Test
    void aPartlyFailingJUnit4TestKeepsItsPassingCaseAndTheRepositoryBuildAcceptsIt() throws Exception {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorPartTest", """
                package demo;

                import static org.junit.Assert.assertEquals;

                import org.junit.Test;

                public class CalculatorPartTest {
                    @Test(expected = ArithmeticException.class)
                    public void refusesZero() {
                        new Calculator().divide(1, 0);
                    }

                    @Test
                    public void subtractsWrongly() {
                        assertEquals(5, new Calculator().subtract(3, 2));
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.casesRun()).isEqualTo(2);
        assertThat(v.casesKept()).isEqualTo(1);
        assertThat(v.keptTest()).contains("refusesZero").doesNotContain("subtractsWrongly");

        Files.writeString(
                repo.resolve("src/test/java/demo/CalculatorPartTest.java"), v.keptTest(), StandardCharsets.UTF_8);
        Process mvn = new ProcessBuilder("mvn", "-q", "-B", "test")
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("mvn-test.log").toFile())
                .start();
        assertThat(mvn.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(mvn.exitValue())
                .as(Files.readString(tmp.resolve("mvn-test.log")))
                .isZero();
        assertThat(Files.readString(repo.resolve("target/surefire-reports/demo.CalculatorPartTest.txt")))
                .contains("Tests run: 1, Failures: 0");
    }

    @Test
    void aJUnit4TestThatNeverEndsTimesOut() {
        ValidatorSettings quick = new ValidatorSettings(
                settings.home(),
                3,
                Duration.ofSeconds(10),
                settings.memoryBytes(),
                settings.maxProcesses(),
                false,
                true,
                4000);
        Validator impatient = new Validator(
                quick,
                workspaces,
                List.of(new JavaMavenRunner(quick, new UnsandboxedProcess(), JavaRunnerOptions.defaults())));

        Validation v = impatient.validate(repo.toString(), commit, calculatorTest("CalculatorSleepTest", """
                package demo;

                import org.junit.Test;

                public class CalculatorSleepTest {
                    @Test
                    public void waitsForever() throws Exception {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.TIMEOUT);
        assertThat(v.diagnostics()).contains("ran past its 10 s limit").contains("waitsForever");
    }
}
