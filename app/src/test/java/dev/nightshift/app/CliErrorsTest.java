package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input that is caught before anything starts: one line naming the problem, exit code 2, no stack trace. */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aPathThatDoesNotExistIsNamed() {
        CliRun run = run("run", dir.resolve("missing").toString(), "--task", "docs");

        assertOneLineError(run, "repository '" + dir.resolve("missing") + "' does not exist");
    }

    @Test
    void anUnknownTaskListsTheValidOnes() {
        CliRun run = run("run", dir.toString(), "--task", "poems");

        assertOneLineError(run, "unknown task 'poems'; use one of: docs, tests");
    }

    @Test
    void aMalformedConfigFileIsNamedWithTheLine() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "providers:\n  deepseek: [oops\n");

        CliRun run = run("run", dir.toString(), "--task", "docs", "--config", config.toString());

        assertOneLineError(run, "bad.yaml' is not valid YAML");
    }

    @Test
    void anUnknownProviderInConfigIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("routing.yaml"),
                "routing:\n  rules:\n    - task: docs\n      models: [acme/model-x]\n    - task: tests\n      models: [deepseek/deepseek-chat]\n");

        CliRun run = run("run", dir.toString(), "--task", "docs", "--config", config.toString());

        assertOneLineError(run, "unknown provider 'acme'");
    }

    @Test
    void aMissingTaskIsNamed() {
        CliRun run = run("run", dir.toString());

        assertOneLineError(run, "Missing required option: '--task=docs|tests'");
    }

    private CliRun run(String... args) {
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), args);
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("error: ").contains(expected);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
