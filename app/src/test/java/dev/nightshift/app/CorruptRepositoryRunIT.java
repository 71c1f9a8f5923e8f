package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged object found while the run is planned ends the run as bad input naming the repository, not as a crash. */
class CorruptRepositoryRunIT {
    @TempDir
    Path dir;

    @Test
    void aTruncatedFileObjectEndsTheRunWithExit2AndSuggestsGitFsck() throws Exception {
        SampleRepository repo = SampleRepository.create(dir.resolve("repo"));
        Path object;
        try (Repository git = new FileRepositoryBuilder()
                .setGitDir(repo.dir.resolve(".git").toFile())
                .build()) {
            ObjectId blob = git.resolve("HEAD:" + SampleRepository.PYTHON);
            object = repo.dir
                    .resolve(".git/objects")
                    .resolve(blob.name().substring(0, 2))
                    .resolve(blob.name().substring(2));
        }
        byte[] bytes = Files.readAllBytes(object);
        object.toFile().setWritable(true);
        Files.write(object, Arrays.copyOf(bytes, bytes.length / 2));

        CliRun run = CliRun.of(
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()),
                "run",
                repo.dir.toString(),
                "--task",
                "docs",
                "--dry-run",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines())
                .last()
                .asString()
                .startsWith("error: repository '" + repo.dir + "' has a corrupt or missing object")
                .contains("run 'git fsck' in it");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
