package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} refuses bad input before the embedded broker starts: one line naming the value and the fix, exit 2,
 * and no broker or store state left under {@code NIGHTSHIFT_HOME}.
 */
class RunInputChecksTest {
    @TempDir
    Path dir;

    SampleRepository repo;

    @BeforeEach
    void createRepository() {
        repo = SampleRepository.create(dir.resolve("repo"));
    }

    @Test
    void anUnknownRefOfALocalRepositoryIsRefusedBeforeTheBrokerStarts() {
        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--ref", "no-such-branch");

        assertRefusedBeforeStarting(run, "unknown ref 'no-such-branch' in '" + repo.dir + "'");
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsRefusedBeforeTheBrokerStarts() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        CliRun run = cli(Map.of(), "run", plain.toString(), "--task", "docs");

        assertRefusedBeforeStarting(run, "'" + plain + "' is not a git repository");
    }

    @Test
    void aNonEmptyOutFolderThatIsNoEarlierOutputIsRefusedWithWhatItHolds() throws IOException {
        Path out = Files.createDirectories(dir.resolve("src"));
        Files.writeString(out.resolve("Main.java"), "class Main {}\n");

        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--out", out.toString());

        assertRefusedBeforeStarting(
                run,
                "--out " + out + " is not empty (it holds Main.java) and is not an earlier nightshift"
                        + " output; pass an empty or new folder, or add --force-out");
        assertThat(out.resolve("Main.java")).hasContent("class Main {}");
    }

    @Test
    void anOutThatIsAFileIsRefused() throws IOException {
        Path out = Files.writeString(dir.resolve("out.txt"), "x");

        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--out", out.toString());

        assertRefusedBeforeStarting(run, "--out " + out + " is a file; pass a folder");
    }

    @Test
    void aMetricsPortInUseIsNamedWithItsNumberBeforeTheBrokerStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            int port = taken.getLocalPort();

            CliRun run =
                    cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--metrics-port", String.valueOf(port));

            assertRefusedBeforeStarting(
                    run, "port " + port + " on 127.0.0.1 is in use; pick another with --metrics-port, or 0 for any");
        }
    }

    @Test
    void aMetricsPortOutOfRangeIsRefused() {
        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--metrics-port", "70000");

        assertRefusedBeforeStarting(run, "--metrics-port 70000 is not a port");
    }

    @Test
    void aTimeoutBelowOneMinuteIsRefused() {
        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--timeout", "0");

        assertRefusedBeforeStarting(run, "--timeout 0 must be at least 1 minute");
    }

    @Test
    void aDeadlineAndAWithinTogetherAreRefusedBeforeTheBrokerStarts() {
        CliRun run =
                cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--deadline", "07:00", "--within", "9h");

        assertRefusedBeforeStarting(run, "--deadline 07:00 and --within 9h cannot go together");
    }

    @Test
    void aDeadlineInThePastIsRefusedBeforeTheBrokerStarts() {
        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--deadline", "2020-01-01T07:00Z");

        assertRefusedBeforeStarting(run, "--deadline 2020-01-01T07:00Z is in the past");
    }

    @Test
    void aMalformedWithinIsRefusedBeforeTheBrokerStarts() {
        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs", "--within", "soon");

        assertRefusedBeforeStarting(run, "--within 'soon' is not a duration");
    }

    @Test
    void aBadEnvironmentOverrideNamesTheVariableAndItsValue() {
        CliRun run =
                cli(Map.of("NIGHTSHIFT_INGEST_MAX_FILE_BYTES", "-7"), "run", repo.dir.toString(), "--task", "docs");

        assertRefusedBeforeStarting(run, "environment variable NIGHTSHIFT_INGEST_MAX_FILE_BYTES=-7 is refused");
        assertThat(run.err()).doesNotContain("bundled default");
    }

    @Test
    void aTruncatedCommitObjectNamesTheRepositoryAndSuggestsGitFsck() throws IOException {
        truncate(looseObject(repo.secondCommit));

        CliRun run = cli(Map.of(), "run", repo.dir.toString(), "--task", "docs");

        assertRefusedBeforeStarting(run, "repository '" + repo.dir + "' has a corrupt or missing object");
        assertThat(run.err()).contains("git fsck");
    }

    @Test
    void aTruncatedFileObjectNamesTheRepositoryAndSuggestsGitFsck() throws IOException {
        truncate(looseObject(blobAtHead(SampleRepository.PYTHON)));

        // estimate plans exactly as run does, without a broker
        CliRun run = cli(Map.of(), "estimate", repo.dir.toString(), "--task", "docs");

        run.assertOneLineError("repository '" + repo.dir + "' has a corrupt or missing object");
        assertThat(run.err()).contains("run 'git fsck' in it");
    }

    private String blobAtHead(String path) throws IOException {
        try (Repository git = new FileRepositoryBuilder()
                .setGitDir(repo.dir.resolve(".git").toFile())
                .build()) {
            ObjectId id = git.resolve("HEAD:" + path);
            assertThat(id).as(path).isNotNull();
            return id.name();
        }
    }

    private Path looseObject(String id) {
        Path file = repo.dir.resolve(".git/objects").resolve(id.substring(0, 2)).resolve(id.substring(2));
        assertThat(file).as("loose object " + id).isRegularFile();
        return file;
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        file.toFile().setWritable(true);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    private void assertRefusedBeforeStarting(CliRun run, String expected) {
        run.assertOneLineError(expected);
        assertThat(run.err()).doesNotContain("starting nightshift");
        assertThat(home().resolve("kafka")).doesNotExist();
        assertThat(home().resolve("sink")).doesNotExist();
    }

    private Path home() {
        return dir.resolve("home");
    }

    private CliRun cli(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("NIGHTSHIFT_HOME", home().toString());
        return CliRun.of(all, args);
    }
}
