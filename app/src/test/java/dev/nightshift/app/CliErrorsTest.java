package dev.nightshift.app;

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

        run.assertOneLineError("repository '" + dir.resolve("missing") + "' does not exist");
    }

    @Test
    void anUnknownTaskListsTheValidOnes() {
        CliRun run = run("run", dir.toString(), "--task", "poems");

        run.assertOneLineError("unknown task 'poems'; use one of: docs, tests");
    }

    @Test
    void aMalformedConfigFileIsNamedWithTheLine() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "providers:\n  deepseek: [oops\n");

        CliRun run = run("run", dir.toString(), "--task", "docs", "--config", config.toString());

        run.assertOneLineError("bad.yaml' is not valid YAML");
    }

    @Test
    void anUnknownProviderInConfigIsNamed() throws Exception {
        Path config = Files.writeString(
                dir.resolve("routing.yaml"),
                "routing:\n  rules:\n    - task: docs\n      models: [acme/model-x]\n    - task: tests\n      models: [deepseek/deepseek-chat]\n");

        CliRun run = run("run", dir.toString(), "--task", "docs", "--config", config.toString());

        run.assertOneLineError("unknown provider 'acme'");
    }

    @Test
    void aMissingTaskIsNamed() {
        CliRun run = run("run", dir.toString());

        run.assertOneLineError("Missing required option: '--task=docs|tests'");
    }

    @Test
    void aSubmitWithBothADeadlineAndAWithinIsRefusedBeforeKafkaIsAsked() {
        CliRun run = run(
                "submit",
                "https://example.com/acme/repo.git",
                "--task",
                "docs",
                "--deadline",
                "07:00",
                "--within",
                "9h",
                "--bootstrap",
                "127.0.0.1:1");

        run.assertOneLineError("--deadline 07:00 and --within 9h cannot go together");
    }

    @Test
    void aSubmitWithAMalformedWithinIsRefusedNamingTheFlagAndAnExample() {
        CliRun run = run(
                "submit",
                "https://example.com/acme/repo.git",
                "--task",
                "docs",
                "--within",
                "overnight",
                "--bootstrap",
                "127.0.0.1:1");

        run.assertOneLineError(
                "--within 'overnight' is not a duration; give minutes, hours or days (e.g. --within 30m");
    }

    private CliRun run(String... args) {
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), args);
    }
}
