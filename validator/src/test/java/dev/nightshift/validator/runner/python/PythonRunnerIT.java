package dev.nightshift.validator.runner.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.sandbox.ProcessOutcome;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxedCommand;
import dev.nightshift.validator.sandbox.Sandboxes;
import dev.nightshift.validator.sandbox.UnsandboxedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pytest project (src layout, {@code testpaths = ["tests"]}, a conftest fixture, one existing test),
 * prepared once with a real virtual environment, and candidates judged by real pytest and coverage.py in the
 * real sandbox.
 */
class PythonRunnerIT {
    private static final String GEOMETRY = """
            def classify(n):
                if n < 0:
                    raise ValueError("negative: %d" % n)
                if n == 0:
                    return "zero"
                if n % 2 == 0:
                    return "even"
                return "odd"


            def area(width, height):
                return width * height
            """;
    private static final TestTarget TARGET = TestTarget.single(
            "tests/test_geometry.py",
            "tests.test_geometry",
            TestFramework.PYTEST,
            "src/shapes/geometry.py",
            "from shapes.geometry import classify",
            List.of());

    @TempDir
    static Path dir;

    private static ValidatorSettings settings;
    private static Sandbox sandbox;
    private static PythonRunner runner;
    private static PythonProject project;

    @BeforeAll
    static void prepareTheProjectOnce() throws Exception {
        Path checkout = dir.resolve("checkout");
        try (GitRepoBuilder repo = GitRepoBuilder.init(checkout)) {
            repo.file("pyproject.toml", """
                            [build-system]
                            requires = ["setuptools>=61"]
                            build-backend = "setuptools.build_meta"

                            [project]
                            name = "shapes"
                            version = "0.1.0"

                            [project.optional-dependencies]
                            test = ["pytest"]

                            [tool.pytest.ini_options]
                            testpaths = ["tests"]
                            """)
                    .file("src/shapes/__init__.py", "")
                    .file("src/shapes/geometry.py", GEOMETRY)
                    .file("tests/conftest.py", """
                            import pytest


                            @pytest.fixture
                            def even_number():
                                return 4
                            """)
                    .file("tests/test_area.py", """
                            from shapes.geometry import area


                            def test_area_multiplies_the_sides():
                                assert area(2, 3) == 6
                            """)
                    .commit("shapes");
        }
        settings = new ValidatorSettings(
                dir.resolve("home"), 3, Duration.ofSeconds(60), 2L << 30, 256, false, false, 4000);
        sandbox = Sandboxes.detect(settings);
        runner = new PythonRunner(sandbox, settings);
        project = runner.prepare(checkout);
    }

    private Validation judge(String source) {
        return runner.judge(project, new Candidate(TARGET, source));
    }

    @Test
    void aTestThatCoversNewLinesPassesWithItsGain() {
        Validation v = judge("""
                import pytest
                from shapes.geometry import classify


                def test_zero():
                    assert classify(0) == "zero"


                def test_even_from_the_conftest_fixture(even_number):
                    assert classify(even_number) == "even"


                def test_odd():
                    assert classify(3) == "odd"


                def test_negative_is_rejected():
                    with pytest.raises(ValueError):
                        classify(-1)
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.coverage().linesTotal()).isEqualTo(10);
        assertThat(v.coverage().linesBefore()).isEqualTo(3);
        assertThat(v.coverage().linesAfter()).isEqualTo(10);
        assertThat(v.coverage().branchesTotal()).isEqualTo(6);
        assertThat(v.coverage().branchesBefore()).isZero();
        assertThat(v.coverage().branchesAfter()).isEqualTo(6);
        assertThat(v.casesRun()).isEqualTo(4);
        assertThat(v.casesKept()).isEqualTo(4);
        assertThat(v.runs()).isEqualTo(3);
        assertThat(v.keptTest()).contains("def test_odd");
    }

    @Test
    void aTestOfWhatTheSuiteAlreadyCoversGainsNothing() {
        Validation v = judge("""
                from shapes.geometry import area


                def test_square():
                    assert area(3, 3) == 9
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.NO_GAIN);
        assertThat(v.coverage().linesAfter()).isEqualTo(v.coverage().linesBefore());
        assertThat(v.keptTest()).isNull();
    }

    @Test
    void aWrongAssertionFailsWithItsMessage() {
        Validation v = judge("""
                from shapes.geometry import classify


                def test_two_is_odd():
                    assert classify(2) == "odd"
                """);

        assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(v.diagnostics())
                .contains("test_two_is_odd")
                .contains("assert 'even' == 'odd'")
                .contains("tests/test_geometry.py:5");
    }

    @Test
    void anImportOfAMissingNameFailsTheBuildWithItsLine() {
        Validation v = judge("""
                from shapes.geometry import perimeter


                def test_perimeter():
                    assert perimeter(1, 2) == 6
                """);

        assertThat(v.verdict()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics()).contains("tests/test_geometry.py:1").contains("cannot import name 'perimeter'");
    }

    @Test
    void aSyntaxErrorFailsTheBuildWithItsLine() {
        Validation v = judge("""
                from shapes.geometry import classify


                def test_zero(:
                    assert classify(0) == "zero"
                """);

        assertThat(v.verdict()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics()).contains("SyntaxError").contains("line 4");
    }

    @Test
    void aTestThatPassesOnlyOnceIsFlaky() {
        Validation v = judge("""
                import os
                import tempfile

                from shapes.geometry import classify


                def test_passes_only_the_first_time():
                    marker = os.path.join(tempfile.gettempdir(), "ran-before")
                    first = not os.path.exists(marker)
                    open(marker, "w").close()
                    assert first
                    assert classify(0) == "zero"
                """);

        assertThat(v.verdict()).isEqualTo(Verdict.FLAKY);
        assertThat(v.diagnostics()).contains("test_passes_only_the_first_time");
        assertThat(v.runs()).isEqualTo(3);
    }

    @Test
    void aTestThatRunsPastItsLimitTimesOut() {
        ValidatorSettings quick =
                new ValidatorSettings(settings.home(), 3, Duration.ofSeconds(5), 2L << 30, 256, false, false, 4000);
        Validation v = new PythonRunner(sandbox, quick).judge(project, new Candidate(TARGET, """
                import time


                def test_sleeps():
                    time.sleep(120)
                """));

        assertThat(v.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(v.runs()).isEqualTo(1);
    }

    @Test
    void reachingForTheNetworkIsASandboxViolation() {
        Validation v = judge("""
                import socket


                def test_fetches():
                    socket.create_connection(("example.com", 80), timeout=5)
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.SANDBOX_VIOLATION);
        assertThat(v.diagnostics()).contains("network");
    }

    @Test
    void failingCasesAreRemovedAndTheRestIsKeptAndPassesUnderTheRepositorysOwnCommand() throws Exception {
        Validation v = judge("""
                import unittest

                import pytest
                from shapes.geometry import classify


                class TestClassify:
                    def test_zero(self):
                        assert classify(0) == "zero"

                    @pytest.mark.parametrize("n", [1, 2])
                    def test_everything_is_odd(self, n):
                        assert classify(n) == "odd"

                    def test_odd(self):
                        assert classify(5) == "odd"


                def test_negative_is_zero():
                    assert classify(-3) == "zero"


                class WrongAboutEven(unittest.TestCase):
                    def test_four_is_odd(self):
                        self.assertEqual(classify(4), "odd")
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.casesRun()).isEqualTo(6);
        assertThat(v.casesKept()).isEqualTo(2);
        assertThat(v.keptTest())
                .contains("def test_zero", "def test_odd", "class TestClassify")
                .doesNotContain("test_everything_is_odd", "test_negative_is_zero", "WrongAboutEven", "@pytest.mark");
        assertThat(v.coverage().linesAfter()).isGreaterThan(v.coverage().linesBefore());

        Path kept = project.root().resolve(TARGET.path());
        Files.writeString(kept, v.keptTest());
        try {
            ProcessOutcome pytest = new UnsandboxedProcess()
                    .run(new SandboxedCommand(
                            List.of(project.python().toString(), "-m", "pytest", "-p", "no:cacheprovider"),
                            project.root(),
                            Map.of("PATH", "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE", "1"),
                            List.of(),
                            List.of(project.root()),
                            List.of(),
                            Duration.ofSeconds(120),
                            2L << 30,
                            256));
            assertThat(pytest.exitCode()).as(pytest.output()).isZero();
            assertThat(pytest.output()).contains("3 passed");
        } finally {
            Files.deleteIfExists(kept);
        }
    }
}
