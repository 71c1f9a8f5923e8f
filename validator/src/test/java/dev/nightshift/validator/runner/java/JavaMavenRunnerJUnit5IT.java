package dev.nightshift.validator.runner.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Validator;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.sandbox.BubblewrapSandbox;
import dev.nightshift.validator.sandbox.Sandbox;
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
 * The Java runner on a real Maven project with JUnit 5 tests, through the real bubblewrap sandbox: real mvn
 * prepares the workspace once for the class, real javac builds each candidate, the real console launcher and
 * JaCoCo agent run it.
 */
class JavaMavenRunnerJUnit5IT {
    @TempDir
    static Path tmp;

    static Path repo;
    static String commit;
    static ValidatorSettings settings;
    static Workspaces workspaces;
    static JavaMavenRunner runner;
    static Validator validator;

    @BeforeAll
    static void prepareOnce() throws Exception {
        repo = tmp.resolve("repo");
        commit = MavenProjects.junit5(repo);
        settings = new ValidatorSettings(
                tmp.resolve("home"), 3, Duration.ofSeconds(60), 2L << 30, 256, false, false, 4000);
        BubblewrapSandbox sandbox =
                new BubblewrapSandbox(BubblewrapSandbox.DEFAULT_BWRAP, tmp.resolve("sandbox"), List.of());
        assertThat(sandbox.probe()).as("bubblewrap works here").isEmpty();
        workspaces = new Workspaces(settings.home(), 4, Duration.ofMinutes(5));
        runner = new JavaMavenRunner(settings, sandbox, JavaRunnerOptions.defaults());
        validator = new Validator(settings, workspaces, List.of(runner));
        // the first candidate prepares the workspace; every other test reuses it
        Validation first = validator.validate(repo.toString(), commit, calculatorTest("CalculatorWarmTest", """
                package demo;

                import org.junit.jupiter.api.Test;

                class CalculatorWarmTest {
                    @Test
                    void subtracts() {
                        org.junit.jupiter.api.Assertions.assertEquals(1, new Calculator().subtract(3, 2));
                    }
                }
                """));
        assertThat(first.verdict()).as(first.diagnostics()).isEqualTo(Verdict.PASSED);
    }

    static Candidate calculatorTest(String className, String source) {
        return new Candidate(
                TestTarget.single(
                        "src/test/java/demo/" + className + ".java",
                        "demo." + className,
                        TestFramework.JUNIT5,
                        "src/main/java/demo/Calculator.java",
                        "demo",
                        List.of("assertj")),
                source);
    }

    @Test
    void aTestOfUncoveredCodePassesWithTheCoverageItGains() {
        String source = """
                package demo;

                import static org.assertj.core.api.Assertions.assertThat;
                import static org.assertj.core.api.Assertions.assertThatThrownBy;

                import org.junit.jupiter.api.Test;

                class CalculatorDivideTest {
                    @Test
                    void dividesEvenly() {
                        assertThat(new Calculator().divide(6, 3)).isEqualTo(2);
                    }

                    @Test
                    void refusesToDivideByZero() {
                        assertThatThrownBy(() -> new Calculator().divide(1, 0)).isInstanceOf(ArithmeticException.class)
                                .hasMessage("division by zero");
                    }
                }
                """;
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorDivideTest", source));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.coverage().linesGained()).isGreaterThan(0);
        assertThat(v.coverage().branchesGained()).isEqualTo(2);
        assertThat(v.coverage().linesBefore()).isGreaterThan(0); // the existing test covers add
        assertThat(v.keptTest()).isEqualTo(source);
        assertThat(v.casesRun()).isEqualTo(2);
        assertThat(v.casesKept()).isEqualTo(2);
        assertThat(v.runs()).isEqualTo(3);
        assertThat(v.diagnostics()).isEmpty();
    }

    @Test
    void aTestOfAlreadyCoveredLinesGainsNothing() {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorAddAgainTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalculatorAddAgainTest {
                    @Test
                    void addsNegativeNumbers() {
                        assertEquals(-5, new Calculator().add(-2, -3));
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.NO_GAIN);
        assertThat(v.coverage().linesGained()).isZero();
        assertThat(v.coverage().linesAfter()).isEqualTo(v.coverage().linesBefore());
        assertThat(v.keptTest()).isNull();
        assertThat(v.casesRun()).isEqualTo(1);
    }

    @Test
    void aWrongAssertionFailsWithItsMessageAndLine() {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorWrongTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalculatorWrongTest {
                    @Test
                    void divides() {
                        assertEquals(3, new Calculator().divide(6, 3));
                    }
                }
                """));

        assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(v.diagnostics())
                .contains("CalculatorWrongTest.divides()")
                .contains("expected: <3> but was: <2>")
                .contains("CalculatorWrongTest.java:10");
        assertThat(v.keptTest()).isNull();
    }

    @Test
    void aTestThatPassesOnlyOnceIsFlakyAndEveryCandidateStartsInAnEmptyFolder() {
        Candidate marker = calculatorTest("CalculatorMarkerTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertFalse;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class CalculatorMarkerTest {
                    @Test
                    void runsOnlyOnce() throws Exception {
                        Path marker = Path.of("marker");
                        assertFalse(Files.exists(marker), "marker left by an earlier run");
                        Files.writeString(marker, "was here");
                        assertFalse(new Calculator().max(1, 2) == 1);
                    }
                }
                """);

        Validation first = validator.validate(repo.toString(), commit, marker);
        Validation again = validator.validate(repo.toString(), commit, marker);

        // the scratch folder persists across the runs of one candidate...
        assertThat(first.verdict()).as(first.diagnostics()).isEqualTo(Verdict.FLAKY);
        assertThat(first.diagnostics())
                .contains("passed in run 1, failed in run 2")
                .contains("marker left by an earlier run");
        // ...but not across candidates: the same test again passes its first run once more
        assertThat(again.verdict()).as(again.diagnostics()).isEqualTo(Verdict.FLAKY);
        assertThat(again.diagnostics()).contains("passed in run 1, failed in run 2");
    }

    @Test
    void aTestThatDoesNotCompileFailsToBuildWithTheLine() {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorTypoTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalculatorTypoTest {
                    @Test
                    void divides() {
                        assertEquals(2, new Calculator().divde(6, 3));
                    }
                }
                """));

        assertThat(v.verdict()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics())
                .startsWith("CalculatorTypoTest.java:10: cannot find symbol")
                .contains("divde");
        assertThat(v.runs()).isZero();
    }

    @Test
    void aPartlyFailingTestKeepsItsPassingCasesAndTheRepositoryBuildAcceptsThem() throws Exception {
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorPartTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class CalculatorPartTest {
                    /** Exact division. */
                    @Test
                    void dividesEvenly() {
                        assertEquals(4, new Calculator().divide(8, 2));
                    }

                    /** The model got this one wrong. */
                    @Test
                    void subtractsWrongly() {
                        assertEquals(5, new Calculator().subtract(3, 2));
                    }

                    @Test
                    void picksTheLarger() {
                        assertEquals(7, new Calculator().max(7, 2));
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.casesRun()).isEqualTo(3);
        assertThat(v.casesKept()).isEqualTo(2);
        assertThat(v.keptTest())
                .contains("void dividesEvenly()")
                .contains("void picksTheLarger()")
                .doesNotContain("subtractsWrongly")
                .contains("/** Exact division. */");
        assertThat(v.runs()).isEqualTo(6); // three runs of the candidate, three of what was kept
        assertThat(v.coverage().linesGained()).isGreaterThan(0);

        // the kept test passes under the repository's own build
        Path test = repo.resolve("src/test/java/demo/CalculatorPartTest.java");
        Files.writeString(test, v.keptTest(), StandardCharsets.UTF_8);
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
                .contains("Tests run: 2, Failures: 0");
    }

    @Test
    void aTestThatNeverEndsTimesOut() {
        ValidatorSettings quick = new ValidatorSettings(
                settings.home(),
                3,
                Duration.ofSeconds(10),
                settings.memoryBytes(),
                settings.maxProcesses(),
                false,
                false,
                4000);
        Validator impatient = new Validator(
                quick, workspaces, List.of(new JavaMavenRunner(quick, runnerSandbox(), JavaRunnerOptions.defaults())));

        Validation v = impatient.validate(repo.toString(), commit, calculatorTest("CalculatorSleepTest", """
                package demo;

                import org.junit.jupiter.api.Test;

                class CalculatorSleepTest {
                    @Test
                    void waitsForever() throws Exception {
                        new Calculator().add(1, 1);
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.TIMEOUT);
        assertThat(v.diagnostics())
                .contains("run 1 of 3 ran past its 10 s limit")
                .contains("waitsForever()");
        assertThat(v.durationMs()).isLessThan(60_000);
    }

    @Test
    void theCandidateCannotWriteTheRepositoryNorSeeOtherFiles() {
        Path checkout = workspaces.location(repo.toString(), commit, runner).resolve("src");
        Validation v = validator.validate(repo.toString(), commit, calculatorTest("CalculatorEscapeTest", """
                package demo;

                import static org.junit.jupiter.api.Assertions.assertFalse;
                import static org.junit.jupiter.api.Assertions.assertThrows;

                import java.io.IOException;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class CalculatorEscapeTest {
                    @Test
                    void cannotTouchTheCheckout() {
                        assertThrows(IOException.class, () -> Files.writeString(Path.of("%s"), "overwritten"));
                        assertThrows(IOException.class, () -> Files.writeString(Path.of("%s"), "planted"));
                        assertFalse(Files.exists(Path.of("%s")));
                    }
                }
                """.formatted(
                        checkout.resolve("src/main/java/demo/Calculator.java"),
                        checkout.resolve("target/classes/demo/Planted.class"),
                        repo.resolve("pom.xml"))));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.NO_GAIN);
        assertThat(checkout.resolve("target/classes/demo/Planted.class")).doesNotExist();
        assertThat(checkout.resolve("src/main/java/demo/Calculator.java"))
                .content()
                .doesNotContain("overwritten");
    }

    static Sandbox runnerSandbox() {
        return new BubblewrapSandbox(BubblewrapSandbox.DEFAULT_BWRAP, tmp.resolve("sandbox"), List.of());
    }
}
