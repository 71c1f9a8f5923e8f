package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --worktree} on {@code run} and {@code estimate}: the working tree as it is, and the combinations refused. */
class WorktreeOptionTest {
    @TempDir
    Path dir;

    SampleRepository repo;

    @BeforeEach
    void createRepository() {
        repo = SampleRepository.create(dir.resolve("repo"));
    }

    @Test
    void estimateWithWorktreeCountsAnUntrackedFileThatTheCommitDoesNotHave() throws Exception {
        // Given
        Files.writeString(repo.dir.resolve("tools/extra.py"), "def extra(values):\n    return sorted(set(values))\n");

        // When
        CliRun committed = cli("estimate", repo.dir.toString(), "--task", "docs", "--json");
        CliRun working = cli("estimate", repo.dir.toString(), "--task", "docs", "--json", "--worktree");

        // Then
        assertThat(committed.exitCode()).as(committed.err()).isZero();
        assertThat(working.exitCode()).as(working.err()).isZero();
        JsonNode before = Json.mapper().readTree(committed.lastOutLine());
        JsonNode after = Json.mapper().readTree(working.lastOutLine());
        assertThat(after.path("jobs").asLong())
                .isGreaterThan(before.path("jobs").asLong());
        assertThat(after.path("inputTokens").asLong())
                .isGreaterThan(before.path("inputTokens").asLong());
    }

    @Test
    void runWithWorktreeAndAUrlIsRefusedInOneLineBeforeAnythingStarts() {
        // When
        CliRun run = cli("run", "https://example.com/acme/shop.git", "--task", "docs", "--worktree");

        // Then
        assertRefusedBeforeStarting(
                run,
                "--worktree reads a local working tree, but 'https://example.com/acme/shop.git' is a URL;"
                        + " pass the folder of a local clone, or drop --worktree");
    }

    @Test
    void runWithWorktreeAndARefIsRefusedInOneLineBeforeAnythingStarts() {
        // When
        CliRun run = cli("run", repo.dir.toString(), "--task", "docs", "--worktree", "--ref", "main");

        // Then
        assertRefusedBeforeStarting(
                run,
                "--worktree reads the working tree on top of HEAD, so it cannot be combined with --ref 'main';"
                        + " drop --ref or --worktree");
    }

    @Test
    void estimateWithWorktreeAndARefIsRefusedToo() {
        // When
        CliRun run = cli("estimate", repo.dir.toString(), "--task", "tests", "--worktree", "--ref", repo.firstCommit);

        // Then
        assertRefusedBeforeStarting(run, "cannot be combined with --ref '" + repo.firstCommit + "'");
    }

    private static void assertRefusedBeforeStarting(CliRun run, String expected) {
        run.assertOneLineError(expected);
        assertThat(run.err()).doesNotContain("starting nightshift");
    }

    private CliRun cli(String... args) {
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), args);
    }
}
