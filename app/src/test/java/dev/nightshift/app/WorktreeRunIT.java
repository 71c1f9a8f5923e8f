package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift run PATH --worktree}: the working tree's files, uncommitted and untracked ones included, end to end. */
class WorktreeRunIT {
    @TempDir
    Path dir;

    @Test
    void aWorktreeDryRunDocumentsAnUntrackedFileAndSaysWhichCommitItSitsOn() throws Exception {
        // Given
        SampleRepository repo = SampleRepository.create(dir.resolve("repo"));
        Files.writeString(repo.dir.resolve("tools/draft.py"), "def draft(text):\n    return text.strip().title()\n");
        Files.writeString(repo.dir.resolve(".gitignore"), "scratch/\n");
        Files.createDirectories(repo.dir.resolve("scratch"));
        Files.writeString(repo.dir.resolve("scratch/ignored.py"), "def ignored():\n    return None\n");
        Path out = dir.resolve("out");

        // When
        CliRun run = CliRun.of(
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()),
                "run",
                repo.dir.toString(),
                "--task",
                "docs",
                "--worktree",
                "--out",
                out.toString(),
                "--json",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers());

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("the working tree on " + repo.secondCommit.substring(0, 12));
        JsonNode summary = Json.mapper().readTree(run.lastOutLine());
        assertThat(summary.path("jobs").path("succeeded").asInt())
                .isEqualTo(summary.path("jobs").path("total").asInt());
        assertThat(out.resolve("tools/draft.py.md")).exists();
        assertThat(out.resolve(SampleRepository.PYTHON + ".md")).exists();
        assertThat(out.resolve("scratch/ignored.py.md")).doesNotExist();
    }
}
