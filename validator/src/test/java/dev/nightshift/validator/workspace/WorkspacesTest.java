package dev.nightshift.validator.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.validator.ManifestRunner;
import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {
    @TempDir
    Path tmp;

    Path home;
    Path repo;
    GitRepoBuilder git;
    final MutableClock clock = new MutableClock();

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        repo = tmp.resolve("repo");
        git = GitRepoBuilder.init(repo);
    }

    @Test
    void concurrentRequestsForOneCommitWaitForASinglePreparation() throws Exception {
        String commit =
                git.file("build.txt", "ok").file("src/A.java", "class A {}").commit("first");
        CountDownLatch gate = new CountDownLatch(1);
        ManifestRunner runner = new ManifestRunner(gate);
        Workspaces workspaces = new Workspaces(home, 4, Duration.ofMinutes(5), clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedProject>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    try (Workspaces.Lease lease = workspaces.open(repo.toString(), commit, runner)) {
                        return lease.project();
                    }
                }));
            }
            // One request prepares; the other three wait on it, all held while the preparation is.
            await().atMost(Duration.ofMinutes(1)).until(() -> runner.prepared.size() == 1);
            assertThat(opened).noneMatch(Future::isDone);
            gate.countDown();
            PreparedProject first = opened.get(0).get(1, TimeUnit.MINUTES);
            for (Future<PreparedProject> f : opened) {
                assertThat(f.get(1, TimeUnit.MINUTES)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runner.prepared).hasSize(1);
        Path published = workspaces.location(repo.toString(), commit, runner);
        assertThat(Files.isSymbolicLink(published)).isTrue();
        assertThat(published.resolve("src/src/A.java")).hasContent("class A {}");
        assertThat(published.resolve("src/.git")).doesNotExist();
    }

    @Test
    void aFailedPreparationIsRememberedWithItsMessageThenRetried() throws Exception {
        String commit = git.file("build.txt", "broken").commit("broken build");
        ManifestRunner runner = new ManifestRunner();
        Workspaces workspaces = new Workspaces(home, 4, Duration.ofMinutes(10), clock);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> workspaces.open(repo.toString(), commit, runner))
                    .isInstanceOf(WorkspaceException.class)
                    .hasMessageStartingWith("build.txt says the build is broken");
        }
        assertThat(runner.prepared).hasSize(1);
        assertThat(workspaces.published()).isZero();
        try (var files = Files.list(home.resolve("workspaces"))) {
            assertThat(files).as("nothing half-prepared is left").isEmpty();
        }

        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> workspaces.open(repo.toString(), commit, runner))
                .isInstanceOf(WorkspaceException.class);
        assertThat(runner.prepared).hasSize(2);

        workspaces.forget(repo.toString(), commit, runner);
        assertThatThrownBy(() -> workspaces.open(repo.toString(), commit, runner))
                .isInstanceOf(WorkspaceException.class);
        assertThat(runner.prepared).hasSize(3);
    }

    @Test
    void aCommitThatDoesNotExistFailsWithItsName() throws Exception {
        git.file("build.txt", "ok").commit("first");
        Workspaces workspaces = new Workspaces(home, 4, Duration.ofMinutes(10), clock);

        assertThatThrownBy(() -> workspaces.open(
                        repo.toString(), "0123456789abcdef0123456789abcdef01234567", new ManifestRunner()))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("0123456789abcdef0123456789abcdef01234567 not found");
    }

    @Test
    void leastRecentlyUsedWorkspacesBeyondTheLimitAreDeletedUnlessHeld() throws Exception {
        String a = git.file("build.txt", "a").commit("a");
        String b = git.file("build.txt", "b").commit("b");
        String c = git.file("build.txt", "c").commit("c");
        ManifestRunner runner = new ManifestRunner();
        Workspaces workspaces = new Workspaces(home, 2, Duration.ofMinutes(10), clock);

        workspaces.open(repo.toString(), a, runner).close();
        workspaces.open(repo.toString(), b, runner).close();
        workspaces.open(repo.toString(), a, runner).close(); // a is now the more recent
        Path folderOfB = workspaces.location(repo.toString(), b, runner).toRealPath();
        workspaces.open(repo.toString(), c, runner).close();

        assertThat(workspaces.published()).isEqualTo(2);
        assertThat(workspaces.location(repo.toString(), b, runner)).doesNotExist();
        assertThat(folderOfB).doesNotExist();
        assertThat(workspaces.location(repo.toString(), a, runner).resolve("src/build.txt"))
                .hasContent("a");

        assertThat(runner.prepared).hasSize(3);
    }

    @Test
    void aHeldWorkspaceIsNeverDeletedEvenWhenLeastRecentlyUsed() throws Exception {
        String a = git.file("build.txt", "a").commit("a");
        String b = git.file("build.txt", "b").commit("b");
        ManifestRunner runner = new ManifestRunner();
        Workspaces workspaces = new Workspaces(home, 1, Duration.ofMinutes(10), clock);

        Workspaces.Lease held = workspaces.open(repo.toString(), a, runner);
        try (Workspaces.Lease other = workspaces.open(repo.toString(), b, runner)) {
            assertThat(workspaces.published()).isEqualTo(2);
            assertThat(other.project().root().resolve("build.txt")).hasContent("b");
        }
        assertThat(workspaces.location(repo.toString(), a, runner).resolve("src/build.txt"))
                .hasContent("a");
        assertThat(workspaces.location(repo.toString(), b, runner)).doesNotExist();
        held.close();
        assertThat(workspaces.published()).isEqualTo(1);
        assertThat(workspaces.location(repo.toString(), a, runner).resolve("src/build.txt"))
                .exists();
    }

    @Test
    void aRestartDeletesWhatWasHalfWrittenAndReusesWhatWasPublished() throws Exception {
        String commit = git.file("build.txt", "ok").commit("first");
        ManifestRunner before = new ManifestRunner();
        Path checkout;
        try (Workspaces.Lease lease =
                new Workspaces(home, 4, Duration.ofMinutes(10), clock).open(repo.toString(), commit, before)) {
            checkout = lease.project().root();
        }
        // what a crash in the middle of another preparation leaves behind
        Path dir = home.resolve("workspaces");
        Path halfWritten =
                Files.createDirectories(dir.resolve("0123456789abcdef.6a0b4f53-0000-0000-0000-000000000000/src"));
        Files.writeString(halfWritten.resolve("half.txt"), "half");
        Files.createSymbolicLink(dir.resolve("fedcba9876543210.link-1"), Path.of("nowhere"));

        ManifestRunner after = new ManifestRunner();
        Workspaces restarted = new Workspaces(home, 4, Duration.ofMinutes(10), clock);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2); // the published link and its folder
        }
        try (Workspaces.Lease lease = restarted.open(repo.toString(), commit, after)) {
            assertThat(lease.project().root()).isEqualTo(checkout);
        }
        assertThat(after.prepared).containsExactly(checkout);
    }

    @Test
    void aUrlIsClonedAndCheckedOutAtTheCommit() throws Exception {
        String first = git.file("build.txt", "one").commit("one");
        git.file("build.txt", "two").commit("two");
        ManifestRunner runner = new ManifestRunner();
        Workspaces workspaces = new Workspaces(home, 4, Duration.ofMinutes(10), clock);

        try (Workspaces.Lease lease = workspaces.open(repo.toUri().toString(), first, runner)) {
            assertThat(lease.project().root().resolve("build.txt")).hasContent("one");
            assertThat(lease.project().root().resolve(".git")).isDirectory();
        }
    }

    @Test
    void aLocalRepositoryIsReadFromItsCommitsNeverFromUncommittedFiles() throws Exception {
        String commit = git.file("build.txt", "committed").commit("first");
        Files.writeString(repo.resolve("build.txt"), "edited");
        Files.writeString(repo.resolve("untracked.txt"), "new");
        Workspaces workspaces = new Workspaces(home, 4, Duration.ofMinutes(10), clock);

        try (Workspaces.Lease lease = workspaces.open(repo.toString(), commit, new ManifestRunner())) {
            assertThat(lease.project().root().resolve("build.txt")).hasContent("committed");
            assertThat(lease.project().root().resolve("untracked.txt")).doesNotExist();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
