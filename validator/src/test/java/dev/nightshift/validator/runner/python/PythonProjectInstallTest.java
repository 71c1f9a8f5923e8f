package dev.nightshift.validator.runner.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonProjectInstallTest {
    @TempDir
    Path checkout;

    @Test
    void anInstallableProjectIsInstalledEditableWithItsTestExtrasAndTestRequirements() throws Exception {
        Files.writeString(checkout.resolve("pyproject.toml"), """
                [project]
                name = "x"
                version = "1"

                [project.optional-dependencies]
                docs = ["sphinx"]
                dev = ["black"]
                test = [
                    "pytest>=7",
                ]

                [tool.pytest.ini_options]
                testpaths = ["tests"]
                """);
        Files.writeString(checkout.resolve("requirements.txt"), "requests\n");
        Files.writeString(checkout.resolve("requirements-dev.txt"), "pytest-mock\n");

        assertThat(ProjectInstall.pipArguments(checkout))
                .containsExactly("-e", ".[test,dev]", "-r", "requirements-dev.txt", "pytest", "coverage");
    }

    @Test
    void aProjectThatIsNotInstallableGetsEveryRequirementsFile() throws Exception {
        Files.writeString(checkout.resolve("pyproject.toml"), "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        Files.writeString(checkout.resolve("requirements.txt"), "requests\n");
        Files.writeString(checkout.resolve("requirements-test.txt"), "pytest\n");

        assertThat(ProjectInstall.pipArguments(checkout))
                .containsExactly("-r", "requirements-test.txt", "-r", "requirements.txt", "pytest", "coverage");
    }

    @Test
    void setupPyExtrasAreRead() throws Exception {
        Files.writeString(checkout.resolve("setup.py"), """
                from setuptools import setup
                setup(name="x", extras_require={"testing": ["pytest"], 'docs': ["sphinx"]})
                """);

        assertThat(ProjectInstall.pipArguments(checkout)).containsExactly("-e", ".[testing]", "pytest", "coverage");
    }
}
